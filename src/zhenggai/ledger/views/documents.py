"""Documents written from the ledger: a source's 整改落实情况报告 and 整改方案, as Word files by GB/T 9704."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.core.views import forbidden
from zhenggai.ledger.documents_out import minutes_document, minutes_filename, plan_document
from zhenggai.ledger.rectification import campaign_report, rectification_report
from zhenggai.ledger.views.common import source_or_404
from zhenggai.orgs.access import can_read
from zhenggai.orgs.http import AuthenticatedRequest

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Who may write the report: it covers every problem, so only those who read the whole ledger.
READERS_ONLY = "只有书记、办公室和审核人员可以生成整改落实情况报告"
PLAN_READERS_ONLY = "只有书记、办公室和审核人员可以生成整改方案"


@login_required
@require_safe
def campaign_rectification(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A campaign's 整改落实情况报告 (.docx) as of today: its problems from every source. 404 for a
    campaign the user may not see, 403 for one he sees only through his work group."""
    from zhenggai.ledger.views.campaigns import campaign_or_404

    campaign = campaign_or_404(request, pk)
    if not can_read(request.user, campaign.organisation):
        return forbidden(request, READERS_ONLY)
    report = campaign_report(campaign, today())
    return docx_response(report.data, f"{campaign.name}整改落实情况报告.docx")


@login_required
@require_safe
def progress_meeting_minutes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A progress meeting's 会议纪要 (.docx): for whoever sees the meeting's page (its campaign's readers,
    group leads and members), since it says what the page shows; 404 for anyone else."""
    from zhenggai.ledger.views.campaigns import meeting_or_404

    meeting = meeting_or_404(request, pk)
    return docx_response(minutes_document(meeting).data, minutes_filename(meeting))


@login_required
@require_safe
def rectification(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The source's 整改落实情况报告 (.docx) as of today. 404 for a source the user may not see, 403
    for one he sees only through his own measures (a member)."""
    source = source_or_404(request, pk)
    if not can_read(request.user, source.organisation):
        return forbidden(request, READERS_ONLY)
    report = rectification_report(source, today())
    return docx_response(report.data, f"{source.title}整改落实情况报告.docx")


@login_required
@require_safe
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The source's 整改方案 (.docx) dated today, its 整改任务清单 attached on landscape pages. 404 for
    a source the user may not see, 403 for one he sees only through his own measures (a member)."""
    source = source_or_404(request, pk)
    if not can_read(request.user, source.organisation):
        return forbidden(request, PLAN_READERS_ONLY)
    document = plan_document(source, today())
    return docx_response(document.data, f"{source.title}整改方案.docx")


def docx_response(data: bytes, name: str) -> HttpResponse:
    """A Word file to download under its Chinese `name`."""
    return HttpResponse(
        data,
        content_type=DOCX,
        headers={
            "Content-Disposition": content_disposition_header(True, name),
            "X-Content-Type-Options": "nosniff",
        },
    )
