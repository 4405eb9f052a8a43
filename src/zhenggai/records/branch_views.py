"""A branch's page: its meetings of the year with the attendance of the leaders in it, and the form
its secretary or office records a meeting with (kind, date, topic, each leader's attendance).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.core.views import form_error, refused
from zhenggai.documents.attendance_sheet import read_attendance_file
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import MAX_LEDGER_BYTES
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import Organisation
from zhenggai.records import dual_life
from zhenggai.records.access import branch_or_404
from zhenggai.records.attendance_import import import_attendance
from zhenggai.records.forms import MeetingForm
from zhenggai.records.models import BranchMeeting, DualLife, Presence
from zhenggai.records.views import year_of

TEMPLATE = "records/branch.html"


def _context(
    request: AuthenticatedRequest, branch: Organisation, form: MeetingForm | None = None
) -> dict[str, Any]:
    year = year_of(request)
    members = [d.person for d in DualLife.objects.filter(branch=branch).select_related("person")]
    meetings = BranchMeeting.objects.filter(branch=branch, date__year=year).prefetch_related(
        "attendance__person"
    )
    return {
        "branch": branch,
        "year": year,
        "members": members,
        "meetings": meetings,
        "presences": Presence.choices,
        "may_manage": can_manage(request.user, branch),
        "form": form or MeetingForm(),
        "posted": request.POST if request.method == "POST" else {},
    }


def attendance_from(data: Any, members: list[Any]) -> list[dual_life.Present]:
    """The attendance lines a posted form gives: one per leader whose presence is chosen."""
    lines = []
    for person in members:
        presence = data.get(f"presence_{person.pk}", "")
        if presence:
            lines.append(dual_life.Present(person, presence, data.get(f"reason_{person.pk}", "")))
    return lines


@login_required
def branch(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The branch's meetings of the year (?year=) with attendance; 404 for a branch the user does not
    read. Its POST records a meeting (secretary or office of the branch, else 403); a refusal shows
    the page again with its message (400) and what was typed.
    """
    found = branch_or_404(request.user, pk)
    if request.method != "POST":
        return render(request, TEMPLATE, _context(request, found))
    form = MeetingForm(request.POST)
    context = _context(request, found, form)
    try:
        if not context["may_manage"]:
            raise Forbidden("只有该党支部的书记或办公室可以登记支部会议")
        if not form.is_valid():
            raise form_error(form)
        dual_life.record_meeting(
            request.user,
            found,
            **form.cleaned_data,
            attendance=attendance_from(request.POST, context["members"]),
        )
    except Refusal as exc:
        return refused(request, TEMPLATE, context, exc)
    messages.success(request, "支部会议已登记")
    return redirect("records:branch", pk=found.pk)


@login_required
@require_POST
def delete_meeting(request: AuthenticatedRequest, pk: int, meeting_id: int) -> HttpResponse:
    """POST: delete one of the branch's meetings; 404 for one the user does not see, 403 unless he manages the branch."""
    found = branch_or_404(request.user, pk)
    meeting = BranchMeeting.objects.filter(branch=found, pk=meeting_id).first()
    if meeting is None:
        raise Http404("没有找到该支部会议")
    try:
        dual_life.delete_meeting(request.user, meeting)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, found), exc)
    messages.success(request, "支部会议已删除")
    return redirect("records:branch", pk=found.pk)


@login_required
@require_POST
def import_sheet(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: an attendance workbook (.xlsx, .xls, .ods) into the branch's meetings, all or nothing.

    403 unless the user manages the branch; a file refused or a line that cannot be taken shows the
    page again with the Chinese message naming its row and column (400), nothing written.
    """
    found = branch_or_404(request.user, pk)
    upload = request.FILES.get("file")
    try:
        if not can_manage(request.user, found):
            raise Forbidden("只有该党支部的书记或办公室可以导入支部会议")
        if upload is None:
            raise Refusal("请选择要导入的 Excel 文件（.xlsx、.xls 或 .ods）")
        if upload.size is not None and upload.size > MAX_LEDGER_BYTES:
            raise Refusal(f"文件过大，上限为 {MAX_LEDGER_BYTES // 1048576} MB")
        try:
            sheet = read_attendance_file(upload.read(), upload.name or "参会情况表.xlsx")
        except DocumentError as exc:
            raise Refusal(str(exc)) from None
        done = import_attendance(request.user, found, sheet)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, found), exc)
    messages.success(
        request,
        f"已导入支部会议{done.meetings}次、参会记录{done.lines}条"
        + (f"；已登记过的{done.skipped}次会议未重复导入" if done.skipped else ""),
    )
    return redirect("records:branch", pk=found.pk)
