"""The meeting record: criticisms received and the team's conclusions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.core.views import form_error, refused
from zhenggai.meetings.access import meeting_or_404
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.access import can_manage, can_read
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.reviews import record as service
from zhenggai.reviews.forms import ConclusionsForm, CriticismForm
from zhenggai.reviews.models import Criticism, Record

TEMPLATE = "reviews/record.html"


def _context(request: AuthenticatedRequest, meeting: Meeting, **forms: Any) -> dict[str, Any]:
    user = request.user
    reads_all = can_read(user, meeting.organisation)
    criticisms = meeting.criticisms.select_related("speaker", "target", "problem").order_by(
        "target__display_name", "id"
    )
    if not reads_all:
        # A member sees what was said of him, and the conclusions.
        criticisms = criticisms.filter(target=user)
    record = Record.objects.filter(meeting=meeting).first()
    people = meeting.members.order_by("display_name", "username")
    return {
        "meeting": meeting,
        "criticisms": criticisms,
        "record": record,
        "may_manage": can_manage(user, meeting.organisation),
        "reads_all": reads_all,
        "people": people,
        "takes_part": any(p.pk == user.pk for p in people),
        "criticism_form": forms.get("criticism_form") or CriticismForm(people=people),
        "conclusions_form": forms.get("conclusions_form")
        or ConclusionsForm(initial={"conclusions": record.conclusions if record else ""}),
    }


@login_required
@require_safe
def record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The meeting record page: the criticisms (all of them for the secretary, office and reviewers; to
    a member, those made of him), the conclusions, and the forms. 404 for a meeting he may not see.
    """
    meeting = meeting_or_404(request, pk)
    return render(request, TEMPLATE, _context(request, meeting))


@login_required
@require_POST
def add_criticism(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: record a criticism, then back to the record page.

    403 for anyone but the secretary or office; a refusal shows the page again with its message (400).
    """
    meeting = meeting_or_404(request, pk)
    form = CriticismForm(request.POST, people=meeting.members.all())
    try:
        if not can_manage(request.user, meeting.organisation):
            raise Forbidden("只有书记或办公室可以记录会议情况")
        if not form.is_valid():
            raise form_error(form)
        service.add_criticism(request.user, meeting, **form.cleaned_data)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, meeting, criticism_form=form), exc)
    messages.success(request, "批评意见已记录")
    return redirect("reviews:record", pk=pk)


@login_required
@require_POST
def delete_criticism(request: AuthenticatedRequest, pk: int, criticism_pk: int) -> HttpResponse:
    """POST: delete a criticism, then back to the record page.

    404 when it is not the meeting's; a refusal shows the page again with its message (403 for anyone
    but the secretary or office, 400 once it is in the ledger).
    """
    meeting = meeting_or_404(request, pk)
    criticism = Criticism.objects.filter(meeting=meeting, pk=criticism_pk).first()
    if criticism is None:
        raise Http404("没有找到该批评意见")
    try:
        service.delete_criticism(request.user, criticism)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, meeting), exc)
    messages.success(request, "批评意见已删除")
    return redirect("reviews:record", pk=pk)


@login_required
@require_POST
def conclusions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: save the team's conclusions, then back to the record page.

    A refusal shows the page again with its message (403 for anyone but the secretary or office, 400
    when the text is too long).
    """
    meeting = meeting_or_404(request, pk)
    form = ConclusionsForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        service.save_conclusions(request.user, meeting, form.cleaned_data["conclusions"])
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, meeting, conclusions_form=form), exc)
    messages.success(request, "会议结论已保存")
    return redirect("reviews:record", pk=pk)
