"""Who may see and do what with a report.

The author sees and edits his own report (while it is a draft or returned). Nobody else sees a
draft. Once submitted, the secretary, the office and the reviewers of the meeting's organisation
see it — up to the version last submitted: what the author saves after a return stays his until he
submits again. Other members never see it (a report is shared at the meeting, not before).
Reviewers comment; the secretary and the office also return and approve. Anyone else: "not found".
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from zhenggai.meetings.access import meeting_or_404
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.access import can_manage, can_read
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import User
from zhenggai.reviews.models import Report, ReportState, ReportVersion


def is_author(user: User, report: Report) -> bool:
    """True when the user wrote the report."""
    return user.is_authenticated and report.author_id == user.pk


def can_see_report(user: User, report: Report) -> bool:
    """The author always; anyone else only once it is no longer a draft, and only the secretary, office
    and reviewers of the meeting's organisation or above it.
    """
    if is_author(user, report):
        return True
    return report.state != ReportState.DRAFT and can_read(user, report.meeting.organisation)


def visible_versions(user: User, report: Report) -> QuerySet[ReportVersion]:
    """The versions of a report the user may read (he may see the report): every one for its author, the
    versions up to the one last submitted for anyone else. Newest first.
    """
    if is_author(user, report):
        return report.versions.order_by("-number")
    return shared_versions(report)


def shared_versions(report: Report) -> QuerySet[ReportVersion]:
    """The versions of a report others may read: up to the one last submitted, newest first."""
    return report.versions.filter(number__lte=report.shared_number).order_by("-number")


def can_comment(user: User, report: Report) -> bool:
    """Reviewers, the secretary and the office, on someone else's report that is no longer a draft."""
    return (
        report.state != ReportState.DRAFT
        and not is_author(user, report)
        and can_read(user, report.meeting.organisation)
    )


def can_decide(user: User, report: Report) -> bool:
    """Return or approve: the secretary and the office, never on their own report."""
    return not is_author(user, report) and can_manage(user, report.meeting.organisation)


def can_see_board(user: User, meeting: Meeting) -> bool:
    """The board of a meeting (every participant's report) is for its secretary, office and reviewers."""
    return can_read(user, meeting.organisation)


def takes_part(user: User, meeting: Meeting) -> bool:
    """True when the user is a participant of the meeting, and so writes a report for it."""
    return user.is_authenticated and meeting.members.filter(pk=user.pk).exists()


def report_or_404(request: AuthenticatedRequest, pk: int) -> Report:
    """A report the user may see; anything else is 'not found', so nobody learns a draft exists."""
    report = (
        Report.objects.select_related("meeting__organisation", "meeting__source", "author")
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_see_report(request.user, report):
        raise Http404("没有找到该材料，或您无权查看")
    return report


def board_meeting_or_404(request: AuthenticatedRequest, pk: int) -> Meeting:
    """A meeting whose board the user may see; 404 for any other, so nobody learns more."""
    meeting = meeting_or_404(request, pk)
    if not can_see_board(request.user, meeting):
        raise Http404("没有找到该会议，或您无权查看")
    return meeting
