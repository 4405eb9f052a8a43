"""Word files by GB/T 9704 from the review pages: a report rewritten, a meeting's 召开情况报告, and the
上年度整改落实情况 drafted from a meeting's ledger (the team's and each member's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.core.views import forbidden
from zhenggai.documents import parse_document, read_text
from zhenggai.documents.gongwen import write_report
from zhenggai.ledger.views.documents import docx_response
from zhenggai.meetings.access import meeting_or_404
from zhenggai.orgs.access import can_read
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.reviews.access import report_or_404, visible_versions
from zhenggai.reviews.documents_out import meeting_report, previous_draft, previous_filename

MEETING_REPORT_READERS = "只有书记、办公室和审核人员可以生成会议召开情况报告"
TEAM_DRAFT_READERS = "只有书记、办公室和审核人员可以生成领导班子的上年度整改落实情况"
OTHERS_DRAFT = "只能生成本人的上年度整改落实情况"


@login_required
@require_safe
def report_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The report's version `v` (the latest the user may read by default) as a .docx by GB/T 9704,
    headings renumbered by depth. 404 for a report or version he may not read."""
    report = report_or_404(request, pk)
    versions = visible_versions(request.user, report)
    wanted = request.GET.get("v", "")
    version = versions.filter(number=int(wanted)).first() if wanted.isdigit() else versions.first()
    if version is None:
        raise Http404("没有找到该版本，或您无权查看")
    parsed = parse_document(read_text(version.text, name=version.file_name or "在线撰写"))
    return docx_response(write_report(parsed), f"{report.author}的对照检查材料（第{version.number}版）.docx")


@login_required
@require_safe
def meeting_report_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The meeting's 召开情况报告 (.docx) signed today. 404 for a meeting the user may not see, 403 for
    a member (it tells every criticism and opinion count)."""
    meeting = meeting_or_404(request, pk)
    if not can_read(request.user, meeting.organisation):
        return forbidden(request, MEETING_REPORT_READERS)
    report = meeting_report(meeting, today())
    return docx_response(report.data, f"{meeting.source.title}召开情况报告.docx")


@login_required
@require_safe
def previous_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The 上年度整改落实情况 drafted from this meeting's ledger: the team's, or ?person=LOGIN's.

    A member may have his own only (403 for the team's or another's); the secretary, office and
    reviewers anyone's. 404 for a meeting the user may not see or a person who did not take part.
    """
    meeting = meeting_or_404(request, pk)
    login = request.GET.get("person", "").strip()
    reads_all = can_read(request.user, meeting.organisation)
    person = None
    if login:
        person = meeting.members.filter(username=login).first()
        if person is None:
            raise Http404("没有找到该参会人员")
        if not reads_all and person.pk != request.user.pk:
            return forbidden(request, OTHERS_DRAFT)
    elif not reads_all:
        return forbidden(request, TEAM_DRAFT_READERS)
    draft = previous_draft(meeting, today(), person)
    return docx_response(draft.data, previous_filename(meeting, person))
