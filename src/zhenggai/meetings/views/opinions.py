"""The office's opinion pages: collection links and their QR code, sorting, merging, the answered check."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.core.views import first_or_404, forbidden, form_error, refused
from zhenggai.meetings import holding, matching
from zhenggai.meetings import opinions as services
from zhenggai.meetings.access import can_manage_meeting, meeting_or_404, must_manage
from zhenggai.meetings.forms import BatchForm, LinkForm, SortForm
from zhenggai.meetings.models import MatchDecision, Meeting, Opinion, OpinionLink
from zhenggai.meetings.qr import qr_svg
from zhenggai.meetings.views.common import meeting_context
from zhenggai.orgs.http import AuthenticatedRequest


def _opinion_or_404(request: AuthenticatedRequest, meeting: Meeting, opinion_id: object) -> Opinion:
    try:
        opinion_id = uuid.UUID(str(opinion_id))
    except ValueError:
        raise Http404("没有找到该意见，或您无权查看") from None
    opinions = services.visible_opinions(request.user, meeting)
    return first_or_404(opinions, opinion_id, "没有找到该意见，或您无权查看")


def _link_or_404(meeting: Meeting, link_id: int) -> OpinionLink:
    return first_or_404(meeting.opinion_links.all(), link_id, "没有找到该征求意见链接")


@login_required
@require_safe
def index(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The opinions page: the opinions the user may see with their merged duplicates; for managers also
    the collection links and a sorting form per opinion. 404 for a meeting he may not see.
    """
    meeting = meeting_or_404(request, pk)
    holding.publish_due(meeting)  # so the office never waits for the daily command
    return render(request, "meetings/opinions.html", _opinions_context(request, meeting, LinkForm()))


def _opinions_context(request: AuthenticatedRequest, meeting: Meeting, link_form: LinkForm) -> dict[str, Any]:
    """What the opinions page shows the person asking, with `link_form` as he left it."""
    context = meeting_context(request, meeting)
    shown = services.visible_opinions(request.user, meeting)
    kept = [o for o in shown if o.merged_into_id is None]
    context.update(
        opinions=kept,
        duplicates={o.pk: [] for o in kept},
        links=meeting.opinion_links.all() if context["may_manage"] else [],
        link_form=link_form,
        batch_form=BatchForm(initial={"size": meeting.opinion_batch}),
        waiting=holding.waiting_count(meeting) if context["reads_all"] else 0,
        today=today(),
    )
    for o in shown:
        if o.merged_into_id in context["duplicates"]:
            context["duplicates"][o.merged_into_id].append(o)
    if context["may_manage"]:
        context["sort_forms"] = {
            o.pk: SortForm(
                meeting=meeting,
                prefix=str(o.pk),
                initial={
                    "route": o.route,
                    "routed_to": o.routed_to_id or o.about_id,
                    "aspect": o.aspect_id,
                    "answered": o.answered,
                },
            )
            for o in kept
        }
    return context


@login_required
@require_POST
def create_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a new collection link, then its QR page.

    A refusal shows the opinions page again with its message, as every page does: 403 for anyone who
    does not manage the meeting, 400 for a last day already past (the input kept in the form).
    """
    meeting = meeting_or_404(request, pk)
    form = LinkForm(request.POST)
    try:
        must_manage(request.user, meeting)  # who asks first: a stranger learns nothing of the form
        if not form.is_valid():
            raise form_error(form)
        link = services.create_link(request.user, meeting, **form.cleaned_data)
    except Refusal as exc:
        return refused(request, "meetings/opinions.html", _opinions_context(request, meeting, form), exc)
    messages.success(request, "征求意见链接已生成，可打印二维码张贴或发送链接。")
    return redirect("meetings:link_qr", pk=meeting.pk, link_id=link.pk)


@login_required
@require_POST
def set_batch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: how many opinions make a batch published at once, then back to the opinions page.

    403 for anyone but the secretary or office; a size out of range comes back as a message.
    """
    meeting = meeting_or_404(request, pk)
    form = BatchForm(request.POST)
    try:
        must_manage(request.user, meeting)  # who asks first: a stranger learns nothing of the form
        if not form.is_valid():
            raise form_error(form)
        holding.set_batch_size(request.user, meeting, form.cleaned_data["size"])
    except Refusal as exc:
        if exc.status == 403:
            return forbidden(request, exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已保存：意见满 {meeting.opinion_batch} 条公布一次")
    return redirect("meetings:opinions", pk=meeting.pk)


@login_required
@require_POST
def close_link(request: AuthenticatedRequest, pk: int, link_id: int) -> HttpResponse:
    """POST: close a collection link, then back to the opinions page.

    403 for anyone but the secretary or office; 404 for a link that is not the meeting's.
    """
    meeting = meeting_or_404(request, pk)
    link = _link_or_404(meeting, link_id)
    try:
        services.close_link(request.user, link)
    except Refusal as exc:
        return forbidden(request, exc.message)
    messages.success(request, "链接已关闭，不再接收意见")
    return redirect("meetings:opinions", pk=meeting.pk)


@login_required
@require_safe
def link_qr(request: AuthenticatedRequest, pk: int, link_id: int) -> HttpResponse:
    """A printable page: the QR code of the link, the meeting, the deadline."""
    meeting = meeting_or_404(request, pk)
    context = meeting_context(request, meeting)
    if not context["may_manage"]:
        return forbidden(request, "只有本组织的书记或办公室可以查看征求意见链接")
    link = _link_or_404(meeting, link_id)
    url = request.build_absolute_uri(reverse("meetings:collect", args=[link.token]))
    context.update(link=link, url=url, svg=qr_svg(url), is_open=link.is_open(today()))
    return render(request, "meetings/link_qr.html", context)


@login_required
@require_POST
def sort(request: AuthenticatedRequest, pk: int, opinion_id: str) -> HttpResponse:
    """POST: route an opinion, tag its aspect, mark it answered; then back to it on the opinions page.

    403 for anyone but the secretary or office; other refusals come back as a message on the page.
    """
    meeting = meeting_or_404(request, pk)
    opinion = _opinion_or_404(request, meeting, opinion_id)
    form = SortForm(request.POST, meeting=meeting, prefix=str(opinion.pk))
    try:
        must_manage(request.user, meeting)  # who asks first: a stranger learns nothing of the form
        if not form.is_valid():
            raise form_error(form)
        services.sort_opinion(request.user, opinion, **form.cleaned_data)
    except Refusal as exc:
        if exc.status == 403:
            return forbidden(request, exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存分办")
    return redirect(f"{reverse('meetings:opinions', args=[meeting.pk])}#o-{opinion.pk}")


@login_required
@require_POST
def merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: mark the chosen opinions as duplicates of the one kept, then back to the opinions page.

    403 for anyone but the secretary or office; 404 for an opinion the user may not see; other
    refusals come back as a message on the page.
    """
    meeting = meeting_or_404(request, pk)
    if not can_manage_meeting(request.user, meeting):
        return forbidden(request, "只有本组织的书记或办公室可以合并意见")
    keep_id = request.POST.get("keep", "")
    others = [_opinion_or_404(request, meeting, i) for i in request.POST.getlist("opinion") if i != keep_id]
    try:
        if not keep_id:
            raise Refusal("请选择要保留的那条意见")
        keep = _opinion_or_404(request, meeting, keep_id)
        merged = services.merge_opinions(request.user, keep, others)
    except Refusal as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将 {len(merged)} 条重复意见合并")
    return redirect("meetings:opinions", pk=meeting.pk)


@login_required
@require_POST
def unmerge(request: AuthenticatedRequest, pk: int, opinion_id: str) -> HttpResponse:
    """POST: take an opinion out of its merge, then back to the opinions page.

    403 for anyone but the secretary or office; 404 for an opinion the user may not see.
    """
    meeting = meeting_or_404(request, pk)
    opinion = _opinion_or_404(request, meeting, opinion_id)
    try:
        services.unmerge_opinion(request.user, opinion)
    except Refusal as exc:
        return forbidden(request, exc.message)
    messages.success(request, "已取消合并")
    return redirect("meetings:opinions", pk=meeting.pk)


@login_required
@require_safe
def unanswered(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Per member: the opinions routed to him, and whether a problem of his report answers each."""
    meeting = meeting_or_404(request, pk)
    context = meeting_context(request, meeting)
    if not context["reads_all"]:
        return forbidden(request, "只有书记、办公室或审核人可以查看意见回应情况")
    holding.publish_due(meeting)
    context["rows"] = matching.member_rows(meeting)
    context["decisions"] = MatchDecision.choices
    return render(request, "meetings/unanswered.html", context)


@login_required
@require_POST
def decide(request: AuthenticatedRequest, pk: int, opinion_id: str) -> HttpResponse:
    """The office confirms or overrides the automatic result for one opinion."""
    meeting = meeting_or_404(request, pk)
    opinion = _opinion_or_404(request, meeting, opinion_id)
    try:
        matching.decide(
            request.user,
            opinion,
            decision=request.POST.get("decision", ""),
            item=request.POST.get("item", ""),
        )
    except Refusal as exc:
        if exc.status == 403:
            return forbidden(request, exc.message)
        return refused(request, "meetings/unanswered.html", context_for(request, meeting), exc)
    messages.success(request, "已保存比对结果")
    return redirect(f"{reverse('meetings:unanswered', args=[meeting.pk])}#o-{opinion.pk}")


def context_for(request: AuthenticatedRequest, meeting: Meeting) -> dict[str, Any]:
    """The answered-check page's context: the meeting, what the user may do, each participant's row and
    the decisions to choose from.
    """
    return meeting_context(
        request, meeting, rows=matching.member_rows(meeting), decisions=MatchDecision.choices
    )
