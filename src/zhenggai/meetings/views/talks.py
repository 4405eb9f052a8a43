"""Talk pages: the coverage matrix, the list of talks, recording and deleting one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhenggai.core.errors import Refusal
from zhenggai.core.views import forbidden, form_error, refused
from zhenggai.meetings import talks as services
from zhenggai.meetings.access import meeting_or_404
from zhenggai.meetings.forms import TalkForm
from zhenggai.meetings.models import Meeting
from zhenggai.meetings.views.common import meeting_context
from zhenggai.orgs.http import AuthenticatedRequest


def _context(request: AuthenticatedRequest, meeting: Meeting, form: TalkForm | None = None) -> dict[str, Any]:
    return meeting_context(
        request,
        meeting,
        coverage=services.coverage(meeting),
        talks=services.visible_talks(request.user, meeting),
        form=form or TalkForm(meeting=meeting),
    )


@login_required
def index(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The talks page: the coverage matrix, the talks the user may see, and the form to record one.

    Its POST (secretary or office, else 403) records a talk and comes back; a refusal shows the page
    again with its message (400). 404 for a meeting the user may not see.
    """
    meeting = meeting_or_404(request, pk)
    if request.method != "POST":
        return render(request, "meetings/talks.html", _context(request, meeting))
    form = TalkForm(request.POST, meeting=meeting)
    context = _context(request, meeting, form)
    if not context["may_manage"]:
        return forbidden(request, "只有本组织的书记或办公室可以登记谈心谈话")
    try:
        if not form.is_valid():
            raise form_error(form)
        services.record_talk(request.user, meeting, **form.cleaned_data)
    except Refusal as exc:
        return refused(request, "meetings/talks.html", context, exc)
    messages.success(request, "谈心谈话已登记")
    return redirect("meetings:talks", pk=meeting.pk)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: int, talk_id: int) -> HttpResponse:
    """POST: delete a talk's record, then back to the talks page.

    404 for a talk the user may not see; 403 for anyone but the secretary or office.
    """
    meeting = meeting_or_404(request, pk)
    talk = services.visible_talks(request.user, meeting).filter(pk=talk_id).first()
    if talk is None:
        raise Http404("没有找到该谈话记录")
    try:
        services.delete_talk(request.user, talk)
    except Refusal as exc:
        return forbidden(request, exc.message)
    messages.success(request, "谈话记录已删除")
    return redirect("meetings:talks", pk=meeting.pk)
