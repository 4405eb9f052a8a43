"""A member's report: the page with findings, upload, writing in the browser, versions, compare."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.core.views import forbidden, form_error, refused
from zhenggai.documents.compare import compare_paragraphs
from zhenggai.ledger.access import managed_sources
from zhenggai.ledger.models import MEETING_KINDS
from zhenggai.meetings.access import meeting_or_404, visible_meetings
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.reviews import services
from zhenggai.reviews.access import (
    board_meeting_or_404,
    can_comment,
    can_decide,
    can_see_board,
    is_author,
    report_or_404,
    shared_versions,
    takes_part,
    visible_versions,
)
from zhenggai.reviews.analysis import analyse, coverage, outline, paragraph_views, store_counts
from zhenggai.reviews.documents_out import previous_start
from zhenggai.reviews.forms import CommentForm, ReturnForm, UploadForm, WriteForm
from zhenggai.reviews.models import Report, ReportState, ReportVersion
from zhenggai.reviews.system import system_checks
from zhenggai.reviews.views.common import version_or_404
from zhenggai.reviews.views.paragraphs import coverage_html, findings_html, outline_html, paragraphs_html

TEMPLATE = "reviews/report.html"


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The reviews home: each meeting the user may see with what he may do there (his own report, the
    board, managing), and the sources of 巡视, 巡察, 审计 and 督查 he manages, for their feedback.
    """
    user = request.user
    meetings = []
    for meeting in visible_meetings(user).select_related("organisation", "source"):
        meetings.append(
            {
                "meeting": meeting,
                "takes_part": takes_part(user, meeting),
                "board": can_see_board(user, meeting),
                "manage": can_manage(user, meeting.organisation),
            }
        )
    sources = managed_sources(user).exclude(kind__in=MEETING_KINDS)
    return render(request, "reviews/index.html", {"meetings": meetings, "sources": sources})


@login_required
@require_safe
def board(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A meeting's board: each participant with what others may know of his report — its state once
    submitted, the versions submitted, the latest submitted version's counts and when it was submitted.

    A draft shows as a report not yet submitted (未提交), with no version count and no time, and what an
    author saved after a return is left out until he submits it. For the secretary, office and
    reviewers; 404 for anyone else.
    """
    meeting = board_meeting_or_404(request, pk)
    reports = {r.author_id: r for r in meeting.reports.exclude(state=ReportState.DRAFT)}
    rows = []
    for person in meeting.members.order_by("display_name", "username"):
        report = reports.get(person.pk)
        rows.append(
            {
                "person": person,
                "report": report,
                "versions": report.shared_number if report else 0,
                "latest": shared_versions(report).first() if report else None,
            }
        )
    return render(request, "reviews/board.html", {"meeting": meeting, "rows": rows})


@login_required
@require_safe
def mine(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The user's own report for the meeting (made on his first visit): redirects to its page.

    404 for a meeting he may not see; 403 when he is not a participant.
    """
    meeting = meeting_or_404(request, pk)
    try:
        report = services.report_for(request.user, meeting)
    except Refusal as exc:
        return render(request, "web/forbidden.html", {"error": exc.message}, status=exc.status)
    return redirect("reviews:report", pk=report.pk)


def _context(
    request: AuthenticatedRequest, report: Report, version: ReportVersion | None, **extra: Any
) -> dict[str, Any]:
    user = request.user
    author = is_author(user, report)
    context: dict[str, Any] = {
        "report": report,
        "meeting": report.meeting,
        "version": version,
        "versions": list(visible_versions(user, report).only("pk", "report_id", "number")),  # numbers only
        "is_author": author,
        "may_edit": author and report.is_editable,
        "may_comment": can_comment(user, report),
        "may_decide": can_decide(user, report),
        "may_board": can_see_board(user, report.meeting),
        "upload_form": extra.pop("upload_form", None) or UploadForm(),
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "return_form": extra.pop("return_form", None) or ReturnForm(),
        "max_mb": services.REPORT_MAX_BYTES // 1048576,
    }
    if version is not None:
        analysis = analyse(report.meeting, version, copied=True, viewer=user)
        if request.method == "GET":  # a refused form shown again writes nothing
            store_counts(version, analysis.counts())  # the worker may not have reached it yet
        comments: dict[int, list[Any]] = {}
        for c in version.comments.select_related("author"):
            comments.setdefault(c.line, []).append(c)
        context.update(
            paragraphs=(
                paragraphs := [(p, comments.get(p.line, [])) for p in paragraph_views(version, analysis)]
            ),
            paragraphs_html=paragraphs_html(paragraphs),
            findings=analysis.findings,
            findings_html=findings_html(analysis.findings),
            counts=analysis.counts(),
            outline=(parts := outline(analysis.parsed)),
            outline_html=outline_html(parts),
            coverage=(covered := coverage(analysis)),
            coverage_html=coverage_html(covered),
            checks=system_checks(report.meeting, report.author, analysis.parsed),
        )
    context.update(extra)
    return context


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A report's page: version `v` (the latest by default) with the engine's findings marked where they
    point, the comments, outline, aspect coverage and the system's checks, and the forms the user may
    use. 404 for a report he may not see or a version that does not exist.
    """
    report = report_or_404(request, pk)
    # The original file is for the download, not the page.
    version = version_or_404(visible_versions(request.user, report).defer("file_data"), request.GET.get("v"))
    return render(request, TEMPLATE, _context(request, report, version))


@login_required
@require_POST
def upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a new version from a .docx or .txt file, then back to the report's page.

    For the author while the report is a draft or returned: 403 for anyone else; a refusal shows the
    page again with its message (400).
    """
    report = report_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    try:
        if not is_author(request.user, report):
            raise Forbidden("只有撰写人本人可以上传这份材料")
        if not form.is_valid():
            raise form_error(form)
        file = form.cleaned_data["file"]
        if file.size > services.REPORT_MAX_BYTES:
            raise Refusal(f"文件“{file.name}”过大，上限为 {services.REPORT_MAX_BYTES // 1048576} MB。")
        data = file.read()
        document = services.read_upload(file.name, data)
        version = services.add_version(request.user, report, document, file_name=file.name, data=data)
    except Refusal as exc:
        latest = version_or_404(visible_versions(request.user, report), None)
        return refused(request, TEMPLATE, _context(request, report, latest, upload_form=form), exc)
    messages.success(request, f"已保存为第{version.number}版")
    return redirect("reviews:report", pk=pk)


@login_required
def write(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The writing page, starting from the latest text (a new report: from the 上年度整改落实情况 drafted
    from the previous meeting's ledger, when there is one); its POST saves a new version and goes back to the
    report. For the author alone: 403 for anyone else who sees the report, as for an upload (404 for
    whoever does not see it); a refusal shows the page again with its message (400).
    """
    report = report_or_404(request, pk)
    if not is_author(request.user, report):
        return forbidden(request, "只有撰写人本人可以修改这份材料")
    latest = version_or_404(visible_versions(request.user, report), None)
    # A new report starts from last year's rectification, drafted from the previous meeting's ledger.
    start = latest.text if latest else previous_start(report.meeting, request.user, today())
    form = WriteForm(request.POST or None, initial={"text": start})
    context = {
        "report": report,
        "meeting": report.meeting,
        "form": form,
        "drafted": bool(start and not latest),
    }
    if request.method != "POST":
        return render(request, "reviews/write.html", context)
    try:
        if not form.is_valid():
            raise form_error(form)
        document = services.read_written(form.cleaned_data["text"])
        version = services.add_version(request.user, report, document)
    except Refusal as exc:
        return refused(request, "reviews/write.html", context, exc)
    messages.success(request, f"已保存为第{version.number}版")
    return redirect("reviews:report", pk=pk)


def _act(request: AuthenticatedRequest, report: Report, action: str) -> HttpResponse:
    form = ReturnForm(request.POST)
    if action == "submit" and not request.POST.get("confirmed"):
        question = _confirm_errors(request, report)
        if question is not None:
            return question
    try:
        if action == "submit":
            services.submit(request.user, report)
            done = "已提交审核"
        elif action == "approve":
            services.approve(request.user, report)
            done = "已审核通过"
        else:
            reason = form.data.get("reason", "")
            services.return_report(request.user, report, reason)
            done = "已退回修改"
    except Refusal as exc:
        latest = version_or_404(visible_versions(request.user, report), None)
        return refused(request, TEMPLATE, _context(request, report, latest, return_form=form), exc)
    messages.success(request, done)
    return redirect("reviews:report", pk=report.pk)


def _confirm_errors(request: AuthenticatedRequest, report: Report) -> HttpResponse | None:
    """The report's page asking once whether to submit a latest version the checks found errors in
    (nothing changes until the author answers with `confirmed`); None when there is nothing to ask.
    """
    latest = report.versions.order_by("-number").first()
    if latest is None or not latest.errors or not (is_author(request.user, report) and report.is_editable):
        return None
    return render(request, TEMPLATE, _context(request, report, latest, confirm_errors=latest.errors))


@login_required
@require_POST
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: the author submits his report for review, then back to its page.

    When the latest version still has errors, the page first asks once (nothing is submitted until
    the author confirms with `confirmed`). A refusal shows the page again with its message (403 for anyone else, 400 when the report has no
    version or is submitted or approved already).
    """
    return _act(request, report_or_404(request, pk), "submit")


@login_required
@require_POST
def approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: the secretary or office approves a submitted report, then back to its page.

    A refusal shows the page again with its message (403 for the author and anyone without the
    right, 400 unless the report is submitted).
    """
    return _act(request, report_or_404(request, pk), "approve")


@login_required
@require_POST
def return_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: the secretary or office returns a submitted report (退回), then back to its page.

    It needs a reason unless the submitted version carries comments. A refusal shows the page again
    with its message (403 for the author and anyone without the right, 400 otherwise).
    """
    return _act(request, report_or_404(request, pk), "return")


@login_required
@require_POST
def comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a review comment on one paragraph of a version, then back to that paragraph.

    For reviewers, the secretary and the office, on someone else's report once submitted; a refusal
    shows the page again with its message (403, or 400).
    """
    report = report_or_404(request, pk)
    form = CommentForm(request.POST)
    version = None
    try:
        if not form.is_valid():
            raise form_error(form)
        version = visible_versions(request.user, report).filter(pk=form.cleaned_data["version"]).first()
        if version is None:
            raise Refusal("版本不属于这份材料")
        services.add_comment(
            request.user, report, version, form.cleaned_data["line"], form.cleaned_data["text"]
        )
    except Refusal as exc:
        shown = version or version_or_404(visible_versions(request.user, report), None)
        return refused(request, TEMPLATE, _context(request, report, shown, comment_form=form), exc)
    messages.success(request, "审核意见已添加")
    anchor = f"?v={version.number}#p{form.cleaned_data['line']}"
    return redirect(reverse("reviews:report", args=[pk]) + anchor)


@login_required
@require_safe
def compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Two versions paragraph by paragraph: `a` and `b`, the last two by default.

    404 for a report the user may not see, with fewer than two versions, or for a missing version.
    """
    report = report_or_404(request, pk)
    readable = visible_versions(request.user, report)
    versions = list(readable.order_by("number"))
    if len(versions) < 2:
        raise Http404("只有一个版本，无法比较")
    old = version_or_404(readable, request.GET.get("a") or versions[-2].number)
    new = version_or_404(readable, request.GET.get("b") or versions[-1].number)
    assert old is not None and new is not None
    result = compare_paragraphs(old.paragraphs, new.paragraphs)
    return render(
        request,
        "reviews/compare.html",
        {
            "report": report,
            "meeting": report.meeting,
            "old": old,
            "new": new,
            "versions": versions,
            "result": result,
            "counts": {kind: result.count(kind) for kind in ("insert", "delete", "change")},
        },
    )


@login_required
@require_safe
def download(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """A version as a file: the original as uploaded, or the text as .txt when written in the browser.

    404 for a report the user may not see or a version that does not exist.
    """
    report = report_or_404(request, pk)
    version = version_or_404(visible_versions(request.user, report), number)
    assert version is not None
    if version.file_data:
        data, name = bytes(version.file_data), version.file_name
    else:
        data, name = version.text.encode("utf-8"), f"{report.author}-第{version.number}版.txt"
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = _attachment(name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"
