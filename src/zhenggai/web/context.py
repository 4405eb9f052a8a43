"""What every page's navigation needs to know about the person asking."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from zhenggai.core.dates import today
from zhenggai.ledger import due
from zhenggai.ledger.models import Measure
from zhenggai.orgs.access import is_manager_anywhere, is_reader_anywhere


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context for the navigation bar: whether the person manages or reads anywhere, the
    due-soon days, and how many of his own measures are overdue or due soon today (the 待办 count,
    ledger/due.py); nothing for a visitor who has not logged in.
    """
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_is_manager": is_manager_anywhere(user),
        "nav_is_reader": is_reader_anywhere(user),
        "due_soon_days": due.soon_days(),
        "nav_due": SimpleLazyObject(lambda: due.counts(Measure.objects.filter(owner=user), today())),
    }
