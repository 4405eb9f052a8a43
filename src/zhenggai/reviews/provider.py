"""Tells the meetings app's opinions-answered check where a member's report is."""

from __future__ import annotations

from zhenggai.documents import Report as ParsedReport
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.access import shared_versions
from zhenggai.reviews.analysis import analyse
from zhenggai.reviews.models import Report, ReportState


def submitted_report(meeting: Meeting, member: User) -> ParsedReport | None:
    """The version of `member`'s report last submitted, parsed (a draft, and what he saved after a return,
    are his alone).
    """
    report = Report.objects.filter(meeting=meeting, author=member).exclude(state=ReportState.DRAFT).first()
    version = shared_versions(report).first() if report is not None else None
    return analyse(meeting, version).parsed if version is not None else None
