"""Who may see and change which ledger rows, and who may answer for a measure.

Secretary/office: everything in their organisation and below. Reviewer: reads the same, changes
nothing. Member: his own measures (reads their problems, posts progress, changes their status).
Work group lead (推进组组长, see campaign_models.py): the measures of the problems his group drives, as
if they were his own — he reads them, their problems and sources, posts progress, changes their
status; `led_problem_ids` is the one place that says which, and every path (pages, API, Excel
export, the services) asks `visible_*` or `can_edit_measure`, so each honours it.
The operator (a superuser) sees everything, as he may manage everything.

Owners: a measure is owned by an active person holding a role other than reviewer (secretary,
office, member) in the measure's organisation or below it. A role above does not count: the
city's secretary answers for a team's measure only with a role in that team (as in 双重组织生活).
Units: the measure's organisation or one below it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Problem, Source, WorkgroupProblem
from zhenggai.orgs.access import can_manage, can_read, scope_q
from zhenggai.orgs.models import MANAGING_ROLES, READING_ROLES, Membership, Organisation, Role, User

#: The roles that may answer for a measure: every role but the reviewer's, who changes nothing.
OWNER_ROLES = (Role.SECRETARY, Role.OFFICE, Role.MEMBER)


def led_problem_ids(user: User) -> QuerySet[WorkgroupProblem, Any]:
    """The ids (as a subquery) of the problems driven by the work groups the user leads."""
    return WorkgroupProblem.objects.filter(workgroup__lead=user).values("problem_id")


def leads_measure(user: User, measure: Measure) -> bool:
    """True when the user, active, leads a work group that drives the measure's problem."""
    if not (user.is_authenticated and user.is_active):
        return False
    return WorkgroupProblem.objects.filter(workgroup__lead=user, problem_id=measure.problem_id).exists()


def visible_measures(user: User) -> QuerySet[Measure]:
    """Every measure the user may see: where he reads, his own, and those of the groups he leads."""
    if not user.is_authenticated:
        return Measure.objects.none()
    led = Q(problem_id__in=led_problem_ids(user))
    return Measure.objects.filter(scope_q(user, READING_ROLES) | Q(owner=user) | led)


def visible_problems(user: User) -> QuerySet[Problem]:
    """Problems of the organisations where the user reads (secretary, office or reviewer there or above),
    and the problems of the measures he owns anywhere; none for a visitor who has not logged in.
    """
    if not user.is_authenticated:
        return Problem.objects.none()
    own = Problem.objects.filter(measures__owner=user).values("pk")
    led = Q(pk__in=led_problem_ids(user))
    return Problem.objects.filter(scope_q(user, READING_ROLES) | Q(pk__in=own) | led)


def visible_sources(user: User) -> QuerySet[Source]:
    """Sources of the organisations where the user reads, and the sources of the problems of the measures
    he owns anywhere; none for a visitor who has not logged in.
    """
    if not user.is_authenticated:
        return Source.objects.none()
    own = Problem.objects.filter(measures__owner=user).values("source_id")
    led = Problem.objects.filter(pk__in=led_problem_ids(user)).values("source_id")
    return Source.objects.filter(scope_q(user, READING_ROLES) | Q(pk__in=own) | Q(pk__in=led))


def managed_sources(user: User) -> QuerySet[Source]:
    """Sources of the organisations the user manages (secretary or office there or above)."""
    return Source.objects.filter(scope_q(user, MANAGING_ROLES))


def can_read_measure(user: User, measure: Measure) -> bool:
    """True when the user reads the measure's organisation, is its owner or leads its work group."""
    if can_read(user, measure.organisation) or (user.is_authenticated and measure.owner_id == user.pk):
        return True
    return leads_measure(user, measure)


def can_edit_measure(user: User, measure: Measure) -> bool:
    """Post progress and change status: the office, the measure's own owner, or the lead of the work
    group (推进组) driving its problem.
    """
    if can_manage(user, measure.organisation):
        return True
    if user.is_authenticated and user.is_active and measure.owner_id == user.pk:
        return True
    return leads_measure(user, measure)


def owner_rule(organisation: Organisation) -> str:
    """The refusal for an owner who may not answer for a measure of `organisation`; it names nobody, so an
    id tried on the API tells nothing of who it is (unknown, elsewhere and inactive answer alike).
    """
    return f"责任人必须是“{organisation}”或其下级组织在职的书记、办公室人员或班子成员"


def unit_rule(organisation: Organisation) -> str:
    """The refusal for a unit (责任单位) outside `organisation`'s subtree."""
    return f"责任单位必须是“{organisation}”或其下级组织"


def owner_holders(paths_q: Q) -> QuerySet[User]:
    """People holding an owner's role (not reviewer) in the organisations of the Membership filter `paths_q`."""
    holders = Membership.objects.filter(paths_q, role__in=OWNER_ROLES).values("user_id")
    return User.objects.filter(pk__in=holders)


def eligible_owners(organisation: Organisation) -> QuerySet[User]:
    """The people who may own a measure of `organisation`: active, with a role other than reviewer there or
    below, by name. The one list the page offers, the API and every service check against.
    """
    people = owner_holders(Q(organisation__path__startswith=organisation.path))
    return people.filter(is_active=True).order_by("display_name", "username")


def may_own(user: User, organisation: Organisation) -> bool:
    """True when `user` may own a measure of `organisation` (see eligible_owners)."""
    return eligible_owners(organisation).filter(pk=user.pk).exists()


def unit_choices(organisation: Organisation) -> QuerySet[Organisation]:
    """The units (责任单位) a measure of `organisation` may name: it and every organisation below it."""
    return organisation.subtree()


def problem_history(user: User, problem: Problem, readable: list[int]) -> QuerySet[AuditEntry]:
    """The audit entries of a problem the user may read: all of them for whoever reads its organisation;
    for anyone else (a member who owns one of its measures) the problem's own entries and those of the
    measures in `readable` — never another member's progress, files, owner or deadline.
    """
    entries = AuditEntry.objects.filter(problem_id=problem.pk)
    if can_read(user, problem.organisation):
        return entries
    return entries.filter(Q(measure_id__isnull=True) | Q(measure_id__in=readable))
