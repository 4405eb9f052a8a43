"""The 待办 page: what `zhenggai remind` found overdue or due soon, for this person and his units."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.ledger.models import Reminder
from zhenggai.orgs.access import is_manager_anywhere, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import MANAGING_ROLES, User


@login_required
@require_safe
def todo(request: AuthenticatedRequest) -> HttpResponse:
    """The 待办 page: reminders of the user's own measures and, for a manager, up to 500 other reminders
    of the organisations he manages, with the time of the last `zhenggai remind`.
    """
    user: User = request.user
    related = ("measure__problem", "owner", "unit")
    mine = Reminder.objects.filter(owner=user).select_related(*related)
    managed = Reminder.objects.none()
    if is_manager_anywhere(user):
        managed = (
            Reminder.objects.filter(scope_q(user, MANAGING_ROLES))
            .exclude(owner=user)
            .select_related(*related)
        )
    context = {
        "mine": mine,
        "managed": managed[:500],
        "generated_at": Reminder.objects.aggregate(at=Max("created_at"))["at"],
    }
    return render(request, "ledger/todo.html", context)
