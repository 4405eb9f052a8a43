"""Meeting pages: list, create, overview, edit, notice, aspects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from zhenggai.core.errors import Conflict, Refusal
from zhenggai.core.views import forbidden, form_error, posted_version, refused
from zhenggai.ledger.versions import rebased
from zhenggai.meetings import holding, services
from zhenggai.meetings import opinions as opinion_services
from zhenggai.meetings.access import meeting_or_404, visible_meetings
from zhenggai.meetings.forms import MeetingForm, NoticeForm
from zhenggai.meetings.models import Aspect, Meeting, Route
from zhenggai.meetings.talks import coverage, visible_talks
from zhenggai.meetings.views.common import meeting_context
from zhenggai.orgs.access import is_manager_anywhere
from zhenggai.orgs.http import AuthenticatedRequest


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The meetings the user may see (he holds a role in their organisation or above it), latest first."""
    meetings = visible_meetings(request.user).select_related("organisation", "source")
    return render(request, "meetings/index.html", {"meetings": meetings})


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    """The new-meeting page; its POST creates the meeting and goes on to its notice.

    Participants left unchosen default to the organisation's secretary and members. 403 for anyone
    who manages nowhere; a refusal shows the form again with its message (400).
    """
    user = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, "只有书记或办公室可以新建会议")
    form = MeetingForm(request.POST or None, user=user)
    if request.method != "POST":
        return render(request, "meetings/meeting_form.html", {"form": form})
    try:
        if not form.is_valid():
            raise form_error(form)
        data = form.cleaned_data
        members = list(data["members"]) or list(services.default_members(data["organisation"]))
        meeting = services.create_meeting(user, **{**data, "members": members})
    except Refusal as exc:
        return refused(request, "meetings/meeting_form.html", {"form": form}, exc)
    messages.success(request, "会议已新建。下一步：上传或粘贴通知，确认查摆方面。")
    return redirect("meetings:notice", pk=meeting.pk)


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A meeting's overview: participants and secretaries, aspects, the counts of the opinions the user
    may see, talk coverage, and the meetings that come after it. 404 for a meeting he may not see.
    """
    meeting = meeting_or_404(request, pk)
    user = request.user
    holding.publish_due(meeting)
    opinions = opinion_services.visible_opinions(user, meeting)
    context = meeting_context(
        request,
        meeting,
        members=meeting.members.order_by("display_name", "username"),
        secretaries=services.secretaries(meeting),
        aspects=meeting.aspects.all(),
        opinion_count=opinions.filter(merged_into__isnull=True).count(),
        unsorted_count=opinions.filter(route=Route.UNSORTED, merged_into__isnull=True).count(),
        waiting=holding.waiting_count(meeting),
        coverage=coverage(meeting),
        my_talks=visible_talks(user, meeting).count(),
        next_meetings=meeting.next_meetings.all(),
    )
    return render(request, "meetings/detail.html", context)


def _edit_form(request: AuthenticatedRequest, meeting: Meeting, data: QueryDict | None) -> MeetingForm:
    """The edit form of the meeting as it is, bound to `data` when there is some."""
    initial = {
        "year": meeting.year,
        "theme": meeting.theme,
        "date": meeting.date,
        "members": list(meeting.members.all()),
    }
    return MeetingForm(data, user=request.user, meeting=meeting, initial=initial)


@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A meeting's edit page; its POST changes year, theme, date and participants, then the overview.

    403 for anyone but the secretary or office; 404 for a meeting the user may not see; a refusal
    shows the form again with its message (400). A save based on a version someone saved since is
    refused (409) saying who changed what; the form comes back with the user's own edits on top of
    the meeting as it is now (see ledger.versions.rebased).
    """
    meeting = meeting_or_404(request, pk)
    context = meeting_context(request, meeting)
    if not context["may_manage"]:
        return forbidden(request, "只有本组织的书记或办公室可以修改会议")
    form = context["form"] = _edit_form(request, meeting, request.POST or None)
    if request.method != "POST":
        return render(request, "meetings/meeting_form.html", context)
    try:
        if not form.is_valid():
            raise form_error(form)
        version = posted_version(request.POST)
        services.update_meeting(request.user, meeting, version=version, **form.cleaned_data)
    except Conflict as exc:
        now = meeting_or_404(request, pk)
        data = rebased(form, _edit_form(request, now, None), now, version, services.meeting_snapshot(now))
        again = meeting_context(request, now, form=_edit_form(request, now, data))
        return refused(request, "meetings/meeting_form.html", again, exc)
    except Refusal as exc:
        return refused(request, "meetings/meeting_form.html", context, exc)
    messages.success(request, "会议信息已保存")
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
def notice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The notice page, for anyone who sees the meeting; its POST reads a pasted or uploaded notice.

    The POST (secretary or office, else 403) stores the notice, replaces the aspects with those read
    in it, unconfirmed, and goes to the aspects page. A refusal shows the page again (400).
    """
    meeting = meeting_or_404(request, pk)
    context = meeting_context(request, meeting)
    if request.method != "POST":
        context["form"] = NoticeForm()
        return render(request, "meetings/notice.html", context)
    if not context["may_manage"]:
        return forbidden(request, "只有本组织的书记或办公室可以上传通知")
    form = NoticeForm(request.POST, request.FILES)
    context["form"] = form
    try:
        if not form.is_valid():
            raise form_error(form)
        upload = form.cleaned_data["file"]
        if upload is not None:
            if upload.size > services.NOTICE_MAX_BYTES:
                raise Refusal(
                    f"通知文件过大（上限 {services.NOTICE_MAX_BYTES // 1048576} MB），请只上传通知正文。"
                )
            found = services.set_notice(request.user, meeting, name=upload.name, data=upload.read())
        else:
            found = services.set_notice(request.user, meeting, text=form.cleaned_data["text"])
    except Refusal as exc:
        return refused(request, "meetings/notice.html", context, exc)
    if found:
        messages.success(request, f"已从通知中读出 {len(found)} 个查摆方面，请核对、修改后确认。")
    else:
        messages.warning(request, "未能从通知中读出查摆方面，请在下方手工添加。")
    return redirect("meetings:aspects", pk=meeting.pk)


@login_required
def aspects(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The aspects page; its POST keeps exactly the rows left on the form, in their order, as confirmed.

    The POST is for the secretary or office (403 for others) and goes back to the overview; a refusal
    shows the page again with its message (400).
    """
    meeting = meeting_or_404(request, pk)
    context = meeting_context(request, meeting, aspects=list(meeting.aspects.all()), blank_rows=range(3))
    if request.method != "POST":
        return render(request, "meetings/aspects.html", context)
    if not context["may_manage"]:
        return forbidden(request, "只有本组织的书记或办公室可以确认查摆方面")
    try:
        services.confirm_aspects(request.user, meeting, _aspect_rows(request, context["aspects"]))
    except Refusal as exc:
        return refused(request, "meetings/aspects.html", context, exc)
    messages.success(request, "查摆方面已确认")
    return redirect("meetings:detail", pk=meeting.pk)


def _position(value: str, default: float) -> float:
    try:
        return float(value)
    except ValueError:
        return default


def _aspect_rows(request: HttpRequest, existing: list[Aspect]) -> list[services.AspectRow]:
    """The form: text_<id>/order_<id>/delete_<id> per existing aspect, new_text/new_order for additions."""
    post = request.POST
    rows = []
    for n, aspect in enumerate(existing, start=1):
        if post.get(f"delete_{aspect.pk}"):
            continue
        text = post.get(f"text_{aspect.pk}", aspect.text)
        rows.append(services.AspectRow(aspect.pk, text, _position(post.get(f"order_{aspect.pk}", ""), n)))
    base = len(existing)
    for n, (text, order) in enumerate(zip(post.getlist("new_text"), post.getlist("new_order"), strict=False)):
        if text.strip():
            rows.append(services.AspectRow(None, text, _position(order, base + n + 1)))
    return rows


@login_required
@require_safe
def notice_file(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The uploaded notice as it came, for everyone who may see the meeting."""
    meeting = meeting_or_404(request, pk)
    data = bytes(meeting.notice_data or b"")
    if not data:
        raise Http404("该会议的通知是粘贴的文字，没有原文件")
    kind = "docx" if data.startswith(b"PK") else "txt"
    content_type = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "txt": "text/plain",
    }[kind]
    name = meeting.notice_name or f"通知.{kind}"
    return HttpResponse(
        data,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, name),
            "X-Content-Type-Options": "nosniff",
        },
    )
