"""What every page's navigation needs to know about the person asking."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from zhenggai.orgs.access import is_manager_anywhere, is_reader_anywhere


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context for the navigation bar: whether the person manages or reads anywhere, and the
    due-soon days; nothing for a visitor who has not logged in.
    """
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_is_manager": is_manager_anywhere(user),
        "nav_is_reader": is_reader_anywhere(user),
        "due_soon_days": settings.DUE_SOON_DAYS,
    }
