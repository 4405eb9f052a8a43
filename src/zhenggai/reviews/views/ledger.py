"""Into the ledger: the confirmation page for a report, the meeting record, inspection feedback."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from zhenggai.core.errors import Refusal
from zhenggai.core.views import refused
from zhenggai.documents.feedback import read_feedback_text
from zhenggai.ledger.models import MEETING_KINDS, Source, Term
from zhenggai.ledger.views.common import source_or_404
from zhenggai.meetings.access import meeting_or_404
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import Organisation
from zhenggai.reviews import into_ledger
from zhenggai.reviews.access import report_or_404
from zhenggai.reviews.forms import FeedbackForm, rows_from_post
from zhenggai.reviews.models import ReportState, ReportVersion
from zhenggai.reviews.services import REPORT_MAX_BYTES, read_upload
from zhenggai.reviews.views.common import owners_and_units

TEMPLATE = "reviews/confirm.html"


def _must_manage(request: AuthenticatedRequest, organisation: Organisation) -> None:
    if not can_manage(request.user, organisation):
        raise Http404("没有找到该页面，或您无权查看")


def _table(
    organisation: Organisation, rows: list[into_ledger.ProblemRow], *, fresh: bool = False, **extra: Any
) -> dict[str, Any]:
    """The confirmation table; rows whose problem the source already has are flagged, and left out when
    `fresh` (proposed now, not posted back).
    """
    into_ledger.flag_duplicates(rows, extra["source"], leave_out=fresh)
    owners, units = owners_and_units(organisation)
    return {"rows": rows, "owners": owners.values(), "units": units.values(), "terms": Term.choices, **extra}


@login_required
def report_ledger(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The confirmation table of an approved report's problems and measures; its POST stores the rows
    left included and goes to the source's page.

    For the secretary or office (404 for others, so nobody learns the page exists). A report not
    approved, or a refusal, shows the table with the message (400); a report already in the
    ledger shows which version went in and proposes nothing.
    """
    report = report_or_404(request, pk)
    meeting = report.meeting
    _must_manage(request, meeting.organisation)
    context: dict[str, Any] = {
        "title": f"{report.author}的对照检查材料录入整改台账",
        "back": report,
        "source": meeting.source,
    }
    if report.imported_version_id:
        context["imported"] = ReportVersion.objects.get(pk=report.imported_version_id)
    if request.method == "POST":
        owners, units = owners_and_units(meeting.organisation)
        rows: list[into_ledger.ProblemRow] = []
        try:
            rows = rows_from_post(request.POST, meeting.organisation, owners, units)
            problems = into_ledger.import_report(request.user, report, rows)
        except Refusal as exc:
            rows = rows or into_ledger.report_rows(report)
            return refused(request, TEMPLATE, _table(meeting.organisation, rows, **context), exc)
        messages.success(request, f"已录入整改台账：{len(problems)}个问题")
        return redirect("ledger:source", pk=meeting.source_id)
    if report.state != ReportState.APPROVED:
        error = Refusal("只有审核通过的材料才能录入整改台账")
        return refused(request, TEMPLATE, _table(meeting.organisation, [], **context), error)
    rows = [] if report.imported_version_id else into_ledger.report_rows(report)
    return render(request, TEMPLATE, _table(meeting.organisation, rows, fresh=True, **context))


@login_required
def record_ledger(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The confirmation table of the meeting's criticisms and unanswered routed opinions not yet in the
    ledger; its POST stores the rows left included and goes to the source's page.

    For the secretary or office (404 for others); a refusal shows the table with its message (400).
    """
    meeting = meeting_or_404(request, pk)
    _must_manage(request, meeting.organisation)
    context: dict[str, Any] = {
        "title": "批评意见和未回应的征求意见录入整改台账",
        "meeting": meeting,
        "source": meeting.source,
    }
    if request.method == "POST":
        owners, units = owners_and_units(meeting.organisation)
        rows: list[into_ledger.ProblemRow] = []
        try:
            rows = rows_from_post(request.POST, meeting.organisation, owners, units)
            problems = into_ledger.import_record(request.user, meeting, rows)
        except Refusal as exc:
            rows = rows or into_ledger.record_rows(meeting)
            return refused(request, TEMPLATE, _table(meeting.organisation, rows, **context), exc)
        messages.success(request, f"已录入整改台账：{len(problems)}个问题")
        return redirect("ledger:source", pk=meeting.source_id)
    rows = into_ledger.record_rows(meeting)
    return render(request, TEMPLATE, _table(meeting.organisation, rows, fresh=True, **context))


@login_required
def feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Step 1: paste or upload the feedback; step 2 (same page, `confirm`): the rows into the ledger."""
    source = source_or_404(request, pk)
    _must_manage(request, source.organisation)
    if source.kind in MEETING_KINDS:
        raise Http404("反馈意见只能录入巡视、巡察、审计或督查类问题来源")
    form = FeedbackForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"source": source, "form": form}
    if request.method != "POST":
        return render(request, "reviews/feedback.html", context)
    text = request.POST.get("text", "")
    try:
        if "confirm" in request.POST:
            owners, units = owners_and_units(source.organisation)
            rows = rows_from_post(request.POST, source.organisation, owners, units)
            problems = into_ledger.import_feedback(
                request.user, source, text, rows, request.POST.get("name", "")
            )
            messages.success(request, f"已录入整改台账：{len(problems)}个问题")
            return redirect("ledger:source", pk=source.pk)
        text, name = _uploaded_feedback(request.FILES.get("file"), text)
        rows = into_ledger.read_feedback(text)
    except Refusal as exc:
        if "confirm" in request.POST and text.strip():
            table = _feedback_table(source, into_ledger.read_feedback(text), text)
            return refused(request, TEMPLATE, table, exc)
        return refused(request, "reviews/feedback.html", context, exc)
    return render(request, TEMPLATE, _feedback_table(source, rows, text, name, fresh=True))


def _uploaded_feedback(upload: UploadedFile | None, pasted: str) -> tuple[str, str]:
    """(text, file name) of the feedback: the uploaded file's text when there is one, else what was pasted."""
    if upload is None:
        return pasted, ""
    if upload.size and upload.size > REPORT_MAX_BYTES:
        raise Refusal(f"文件“{upload.name}”过大，上限为 {REPORT_MAX_BYTES // 1048576} MB。")
    document = read_upload(upload.name or "", upload.read())
    return "\n".join(p.text for p in document.paragraphs), upload.name or ""


def _feedback_table(
    source: Source, rows: list[into_ledger.ProblemRow], text: str, name: str = "", fresh: bool = False
) -> dict[str, Any]:
    """The confirmation table of problems read from the feedback."""
    return _table(
        source.organisation,
        rows,
        fresh=fresh,
        title="反馈意见录入整改台账",
        source=source,
        is_feedback=True,
        text=text,
        name=name,
        feedback_findings=[f.message for f in read_feedback_text(text).findings],
    )
