"""The user guide the app serves (/help/): Chinese Markdown pages shipped in zhenggai/web/guide, rendered
on the server, and the 帮助 link every page carries to its own section."""

from __future__ import annotations

import functools
import re
from importlib import resources

import markdown
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

CJK_LINE_BREAK = re.compile(r"(?<=[^\x00-\xff])\n(?=[^\x00-\xff])")

#: The guide's pages in reading order: slug → title.
PAGES = {
    "start": "开始使用",
    "ledger": "整改台账",
    "meetings": "会议",
    "reviews": "对照检查材料",
    "records": "组织生活与承诺",
    "settings": "设置",
}

#: A page's section by its URL name; a name not listed takes its namespace's entry (the key "ns:").
TOPICS = {
    "login": "start#login",
    "setup": "start#setup",
    "help": "start#how-to-start",
    "help_page": "start#how-to-start",
    "ledger:": "ledger#table",
    "ledger:dashboard": "ledger#dashboard",
    "ledger:todo": "ledger#todo",
    "ledger:audit": "ledger#audit",
    "ledger:sources": "ledger#sources",
    "ledger:source": "ledger#sources",
    "ledger:source_create": "ledger#sources",
    "ledger:campaigns": "ledger#campaigns",
    "ledger:campaign": "ledger#campaigns",
    "ledger:campaign_create": "ledger#campaigns",
    "ledger:workgroup_create": "ledger#campaigns",
    "ledger:progress_meeting_create": "ledger#campaigns",
    "ledger:progress_meeting": "ledger#campaigns",
    "ledger:decision_create": "ledger#campaigns",
    "ledger:progress_meeting_minutes": "ledger#campaigns",
    "ledger:campaign_edit": "ledger#campaigns",
    "ledger:campaign_delete": "ledger#campaigns",
    "ledger:workgroup_edit": "ledger#campaigns",
    "ledger:workgroup_delete": "ledger#campaigns",
    "ledger:progress_meeting_edit": "ledger#campaigns",
    "ledger:progress_meeting_delete": "ledger#campaigns",
    "ledger:problem": "ledger#problem",
    "ledger:problem_create": "ledger#problem",
    "ledger:problem_edit": "ledger#problem",
    "ledger:problem_close": "ledger#close",
    "ledger:problem_reopen": "ledger#close",
    "ledger:measure": "ledger#measure",
    "ledger:measure_create": "ledger#measure",
    "ledger:measure_edit": "ledger#measure",
    "ledger:measure_progress": "ledger#progress",
    "ledger:measure_status": "ledger#progress",
    "ledger:measure_extend": "ledger#extend",
    "ledger_io:": "ledger#excel",
    "jobs:": "ledger#jobs",
    "records:": "records#dual-life",
    "records:branch": "records#branch",
    "records:meeting_delete": "records#branch",
    "records:person": "records#person",
    "records:set_branch": "records#person",
    "records:commitment_add": "records#commitments",
    "records:statement_add": "records#commitments",
    "records:matter_add": "records#commitments",
    "meetings:": "meetings#index",
    "meetings:create": "meetings#create",
    "meetings:edit": "meetings#create",
    "meetings:notice": "meetings#notice",
    "meetings:aspects": "meetings#notice",
    "meetings:opinions": "meetings#opinions",
    "meetings:unanswered": "meetings#opinions",
    "meetings:link_qr": "meetings#opinions",
    "meetings:talks": "meetings#talks",
    "reviews:": "reviews#index",
    "reviews:board": "reviews#review",
    "reviews:mine": "reviews#write",
    "reviews:write": "reviews#write",
    "reviews:upload": "reviews#write",
    "reviews:report": "reviews#review",
    "reviews:compare": "reviews#return",
    "reviews:similar": "reviews#similar",
    "reviews:references": "reviews#similar",
    "reviews:reference_delete": "reviews#similar",
    "reviews:record": "meetings#record",
    "reviews:report_ledger": "reviews#into-ledger",
    "reviews:record_ledger": "reviews#into-ledger",
    "reviews:feedback": "reviews#feedback",
    "orgs:": "settings#orgs",
    "notify:": "settings#reminders",
    "notify:robots": "settings#robots",
}


def topic(url_name: str) -> str:
    """The guide's section ("page#anchor") for the page named `url_name` ("namespace:name")."""
    namespace = url_name.rpartition(":")[0]
    return TOPICS.get(url_name) or TOPICS.get(f"{namespace}:") or "start#how-to-start"


def help_url(url_name: str) -> str:
    """The address of the guide's section for the page named `url_name`."""
    slug, _, anchor = topic(url_name).partition("#")
    return reverse("help_page", kwargs={"slug": slug}) + (f"#{anchor}" if anchor else "")


@functools.cache
def rendered(slug: str) -> SafeString:
    """The guide page `slug` as HTML (our own shipped Markdown, so it is trusted); headings keep the
    ids written after them (`## 标题 {#id}`)."""
    text = resources.files("zhenggai.web").joinpath("guide", f"{slug}.md").read_text(encoding="utf-8")
    text = CJK_LINE_BREAK.sub("", text)  # a wrapped Chinese line joins without the space Markdown would put
    html = markdown.markdown(text, extensions=["attr_list", "tables"], output_format="html")
    return mark_safe(html)


def context(request: HttpRequest) -> dict[str, str]:
    """Template context: `help_url`, the guide's section for the page being shown."""
    match = request.resolver_match
    return {"help_url": help_url(match.view_name if match else "")}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The guide's contents: every page and its sections. Open to everyone, logged in or not."""
    return page(request, "start")


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """One page of the guide, with the list of all pages. 404 for an unknown page."""
    if slug not in PAGES:
        raise Http404("没有找到该帮助页面")
    return render(
        request, "web/help.html", {"slug": slug, "title": PAGES[slug], "pages": PAGES, "body": rendered(slug)}
    )
