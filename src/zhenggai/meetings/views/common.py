"""Helpers the meeting views share."""

from __future__ import annotations

from typing import Any

from zhenggai.meetings.access import can_manage_meeting, can_read_all
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.http import AuthenticatedRequest


def meeting_context(request: AuthenticatedRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    """What every meeting page needs: the meeting and what the person asking may do there."""
    user = request.user
    return {
        "meeting": meeting,
        "may_manage": can_manage_meeting(user, meeting),
        "reads_all": can_read_all(user, meeting),
        **extra,
    }
