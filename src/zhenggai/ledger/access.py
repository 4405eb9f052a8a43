"""Who may see and change which ledger rows.

Secretary/office: everything in their organisation and below. Reviewer: reads the same, changes
nothing. Member: his own measures (reads their problems, posts progress, changes their status).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zhenggai.ledger.models import Measure, Problem, Source
from zhenggai.orgs.access import can_manage, can_read, scope_q
from zhenggai.orgs.models import MANAGING_ROLES, READING_ROLES, User


def visible_measures(user: User) -> QuerySet[Measure]:
    """Every measure the user may see."""
    if not user.is_authenticated:
        return Measure.objects.none()
    return Measure.objects.filter(scope_q(user, READING_ROLES) | Q(owner=user))


def visible_problems(user: User) -> QuerySet[Problem]:
    """Problems of the organisations where the user reads (secretary, office or reviewer there or above),
    and the problems of the measures he owns anywhere; none for a visitor who has not logged in.
    """
    if not user.is_authenticated:
        return Problem.objects.none()
    own = Problem.objects.filter(measures__owner=user).values("pk")
    return Problem.objects.filter(scope_q(user, READING_ROLES) | Q(pk__in=own))


def visible_sources(user: User) -> QuerySet[Source]:
    """Sources of the organisations where the user reads, and the sources of the problems of the measures
    he owns anywhere; none for a visitor who has not logged in.
    """
    if not user.is_authenticated:
        return Source.objects.none()
    own = Problem.objects.filter(measures__owner=user).values("source_id")
    return Source.objects.filter(scope_q(user, READING_ROLES) | Q(pk__in=own))


def managed_sources(user: User) -> QuerySet[Source]:
    """Sources of the organisations the user manages (secretary or office there or above)."""
    return Source.objects.filter(scope_q(user, MANAGING_ROLES))


def can_read_measure(user: User, measure: Measure) -> bool:
    """True when the user reads the measure's organisation or is its owner."""
    return can_read(user, measure.organisation) or (user.is_authenticated and measure.owner_id == user.pk)


def can_edit_measure(user: User, measure: Measure) -> bool:
    """Post progress and change status: the office, or the measure's own owner."""
    return can_manage(user, measure.organisation) or (
        user.is_authenticated and user.is_active and measure.owner_id == user.pk
    )
