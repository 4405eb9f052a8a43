"""Helpers the meeting views share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhenggai.meetings.access import can_manage_meeting, can_read_all
from zhenggai.meetings.models import Meeting


def meeting_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    """What every meeting page needs: the meeting and what the person asking may do there."""
    user = request.user
    return {
        "meeting": meeting,
        "may_manage": can_manage_meeting(user, meeting),  # type: ignore[arg-type]
        "reads_all": can_read_all(user, meeting),  # type: ignore[arg-type]
        **extra,
    }
