"""The 待办 page: the user's own measures overdue or due soon, and those of the organisations he manages.

Computed when the page is asked for (ledger/due.py), so it is never stale.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.ledger import due
from zhenggai.ledger.models import Measure
from zhenggai.orgs.access import is_manager_anywhere, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import MANAGING_ROLES, User

#: The managed list stops here; the ledger page's filters show the rest.
MANAGED_LIMIT = 500


@login_required
@require_safe
def todo(request: AuthenticatedRequest) -> HttpResponse:
    """The 待办 page on today's date: the user's own open measures overdue or due soon and, for a manager,
    up to MANAGED_LIMIT others of the organisations he manages, each saying 已逾期N天 / 今天到期 / 明天到期 /
    还有N天到期, with their counts.
    """
    user: User = request.user
    on = today()
    own = Measure.objects.filter(owner=user)
    managed = Measure.objects.none()
    if is_manager_anywhere(user):
        managed = Measure.objects.filter(scope_q(user, MANAGING_ROLES)).exclude(owner=user)
    context = {
        "mine": due.items(own, on),
        "mine_counts": due.counts(own, on),
        "managed": due.items(managed, on, MANAGED_LIMIT),
        "managed_counts": due.counts(managed, on),
        "due_soon_days": due.soon_days(),
    }
    return render(request, "ledger/todo.html", context)
