"""Who reads and keeps whose records.

A leader's records (his branch, his attendance, his pledges) are read by himself and by whoever
reads an organisation he belongs to (secretary, office, reviewer there or above); they are kept by
the managers (secretary, office) of such an organisation. A branch's meetings are kept by the
branch's own secretary or office (or those above it) and read by its readers.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from zhenggai.orgs.access import can_manage, can_read, scope_q
from zhenggai.orgs.models import READING_ROLES, Organisation, Role, User
from zhenggai.records.models import DualLife

#: The roles that make a person a leader whose records are kept: 书记 and 班子成员 of a team.
LEADER_ROLES = (Role.SECRETARY, Role.MEMBER)


def teams_of(person: User) -> list[Organisation]:
    """The organisations where `person` is a leader (secretary or member)."""
    return [
        m.organisation
        for m in person.memberships.select_related("organisation").order_by("pk")
        if m.role in LEADER_ROLES
    ]


def can_read_person(user: User, person: User) -> bool:
    """True for the person himself and for whoever reads one of his organisations."""
    if not user.is_authenticated:
        return False
    if user.pk == person.pk:
        return True
    return any(can_read(user, m.organisation) for m in person.memberships.select_related("organisation"))


def can_keep_person(user: User, person: User) -> bool:
    """True for the managers (secretary, office) of one of the person's organisations."""
    return user.is_authenticated and any(
        can_manage(user, m.organisation) for m in person.memberships.select_related("organisation")
    )


def visible_leaders(user: User) -> QuerySet[User]:
    """The leaders of the organisations the user reads, by name."""
    scope = scope_q(user, READING_ROLES, field="memberships__organisation__path")
    return (
        User.objects.filter(scope, memberships__role__in=LEADER_ROLES, is_active=True)
        .distinct()
        .order_by("display_name", "username")
    )


def person_or_404(user: User, pk: int) -> User:
    """The person `pk` when the user may read his records; 404 otherwise (nobody learns who exists)."""
    person = User.objects.filter(pk=pk).first()
    if person is None or not can_read_person(user, person):
        raise Http404("没有找到该人员")
    return person


def branch_or_404(user: User, pk: int) -> Organisation:
    """The organisation `pk` as a branch the user reads, or the branch he belongs to as an ordinary
    member (双重组织生活); 404 otherwise.
    """
    branch = Organisation.objects.filter(pk=pk).first()
    if branch is None or not (
        can_read(user, branch) or DualLife.objects.filter(branch=branch, person=user).exists()
    ):
        raise Http404("没有找到该党支部")
    return branch
