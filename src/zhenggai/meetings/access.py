"""Who may see and change which meeting: the office manages, anyone with a role in the organisation reads."""

from __future__ import annotations

from django.db.models import QuerySet

from zhenggai.core.views import first_or_404
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.access import can_manage, can_read, require_manager, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import Role, User


def visible_meetings(user: User) -> QuerySet[Meeting]:
    """Meetings of every organisation where the user holds any role (or one above it)."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    return Meeting.objects.filter(scope_q(user, Role.values))


def meeting_or_404(request: AuthenticatedRequest, pk: int) -> Meeting:
    """A meeting the user may see; anything else is 'not found', so outsiders learn nothing."""
    meetings = visible_meetings(request.user).select_related(
        "organisation", "source", "previous_meeting__source"
    )
    return first_or_404(meetings, pk, "没有找到该会议，或您无权查看")


def can_manage_meeting(user: User, meeting: Meeting) -> bool:
    """Secretary or office of the meeting's organisation (or above)."""
    return can_manage(user, meeting.organisation)


def can_read_all(user: User, meeting: Meeting) -> bool:
    """Secretary, office or reviewer: every opinion and every talk note."""
    return can_read(user, meeting.organisation)


def must_manage(user: User, meeting: Meeting) -> None:
    """Raises Forbidden unless the user is secretary or office of the meeting's organisation or above it."""
    require_manager(user, meeting.organisation, "只有本组织的书记或办公室可以进行此项操作")
