"""Tells the meetings app's opinions-answered check where a member's report is."""

from __future__ import annotations

from zhenggai.documents import Report as ParsedReport
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.analysis import analyse
from zhenggai.reviews.models import Report, ReportState


def submitted_report(meeting: Meeting, member: User) -> ParsedReport | None:
    """The latest version of `member`'s report once submitted (a draft is his alone), parsed."""
    report = Report.objects.filter(meeting=meeting, author=member).exclude(state=ReportState.DRAFT).first()
    version = report.versions.order_by("-number").first() if report is not None else None
    return analyse(meeting, version).parsed if version is not None else None
