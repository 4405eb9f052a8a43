"""双重组织生活: a leader's branch, the branch's meetings with his attendance, the yearly count.

Every change is one transaction and audited (the ledger's audit history, filed under the branch's
path). Refusals say what to do in Chinese; nothing is written on a refusal.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger.audit import AuditAction, record, snapshot
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import Membership, Organisation, User
from zhenggai.records.access import LEADER_ROLES, can_keep_person
from zhenggai.records.models import (
    DEFAULT_REQUIRED_PER_YEAR,
    Attendance,
    BranchMeeting,
    BranchMeetingKind,
    DualLife,
    DualLifeRule,
    Presence,
)


@transaction.atomic
def set_branch(
    actor: User, person: User, branch: Organisation, since: datetime.date | None = None
) -> DualLife:
    """Put `person` in `branch` as an ordinary member (or move him there); audited.

    Raises Forbidden unless the actor keeps the person's records (a manager of his organisation).
    """
    if not can_keep_person(actor, person):
        raise Forbidden("只有本人所在组织的书记或办公室可以登记其所在党支部")
    found = DualLife.objects.select_for_update().filter(person=person).first()
    before = snapshot(found) if found else None
    item = found or DualLife(person=person)
    item.branch, item.since = branch, since
    item.save()
    action = AuditAction.CHANGE if found else AuditAction.CREATE
    record(
        actor,
        action,
        item,
        summary="登记所在党支部",
        before=before,
        after=snapshot(item),
        organisation_path=branch.path,
    )
    return item


@dataclass(frozen=True)
class Present:
    """One line of a meeting's attendance as entered: who, how, and why away."""

    person: User
    presence: str
    reason: str = ""


def _check_meeting(branch: Organisation, kind: str, date: datetime.date, topic: str) -> None:
    if kind not in BranchMeetingKind.values:
        raise Refusal("会议类型无效，应为支部党员大会、支部委员会、党小组会、党课、主题党日或组织生活会")
    if date > dates.today():
        raise Refusal("会议日期不能晚于今天")
    if not topic.strip():
        raise Refusal("请填写会议主题")


def _check_attendance(branch: Organisation, lines: Iterable[Present]) -> None:
    members = set(DualLife.objects.filter(branch=branch).values_list("person_id", flat=True))
    seen: set[int] = set()
    for line in lines:
        if line.person.pk not in members:
            raise Refusal(f"{line.person}没有编入“{branch}”，请先登记其所在党支部")
        if line.person.pk in seen:
            raise Refusal(f"{line.person}的参会情况重复")
        seen.add(line.person.pk)
        if line.presence not in Presence.values:
            raise Refusal("出席情况无效，应为出席、出席并发言或缺席")
        if line.presence == Presence.ABSENT and not line.reason.strip():
            raise Refusal(f"{line.person}缺席，请写明缺席原因")


@transaction.atomic
def record_meeting(
    actor: User,
    branch: Organisation,
    *,
    kind: str,
    date: datetime.date,
    topic: str,
    attendance: Iterable[Present] = (),
) -> BranchMeeting:
    """A branch meeting with the attendance of the leaders in the branch; one transaction, audited.

    Raises Forbidden unless the actor manages the branch (its secretary or office, or above);
    Refusal for an unknown kind, a date after today, no topic, someone not in the branch, a line
    given twice, or an absence without its reason.
    """
    if not can_manage(actor, branch):
        raise Forbidden("只有该党支部的书记或办公室可以登记支部会议")
    lines = list(attendance)
    _check_meeting(branch, kind, date, topic)
    _check_attendance(branch, lines)
    meeting = BranchMeeting.objects.create(
        branch=branch, kind=kind, date=date, topic=topic.strip(), created_by=actor
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=line.person, presence=line.presence, reason=line.reason.strip())
        for line in lines
    )
    after = {**snapshot(meeting), "attendance": {str(x.person.pk): x.presence for x in lines}}
    record(
        actor,
        AuditAction.CREATE,
        meeting,
        summary="登记支部会议",
        before=None,
        after=after,
        organisation_path=branch.path,
    )
    return meeting


@transaction.atomic
def delete_meeting(actor: User, meeting: BranchMeeting) -> None:
    """Delete a branch meeting with its attendance; audited. Forbidden unless the actor manages the branch."""
    if not can_manage(actor, meeting.branch):
        raise Forbidden("只有该党支部的书记或办公室可以删除支部会议")
    record(
        actor,
        AuditAction.DELETE,
        meeting,
        summary="删除支部会议",
        before=snapshot(meeting),
        after=None,
        organisation_path=meeting.branch.path,
    )
    meeting.delete()


def required_per_year(organisation: Organisation) -> int:
    """The nearest rule at or above `organisation`; DEFAULT_REQUIRED_PER_YEAR without one."""
    ids = [int(part) for part in organisation.path.split("/") if part]
    rules = dict(
        DualLifeRule.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "required_per_year"
        )
    )
    for pk in reversed(ids):
        if pk in rules:
            return rules[pk]
    return DEFAULT_REQUIRED_PER_YEAR


def required_for(person: User) -> int:
    """The attendance a year the rule of the person's (first) team asks for."""
    return required_for_people([person])[person.pk]


def required_for_people(people: Iterable[User]) -> dict[int, int]:
    """`required_for` of every person, by id, in two queries whatever their number: their first teams
    (as `teams_of` orders them), then the rules at or above those teams.
    """
    ids = [p.pk for p in people]
    first_team: dict[int, str] = {}
    memberships = (
        Membership.objects.filter(user_id__in=ids, role__in=LEADER_ROLES)
        .order_by("user_id", "pk")
        .values_list("user_id", "organisation__path")
    )
    for user_id, path in memberships:
        first_team.setdefault(user_id, path)
    above = {int(part) for path in first_team.values() for part in path.split("/") if part}
    rules = dict(
        DualLifeRule.objects.filter(organisation_id__in=above).values_list(
            "organisation_id", "required_per_year"
        )
    )
    required = {}
    for pk in ids:
        path_ids = [int(part) for part in first_team.get(pk, "").split("/") if part]
        found = [rules[o] for o in reversed(path_ids) if o in rules]
        required[pk] = found[0] if found else DEFAULT_REQUIRED_PER_YEAR
    return required


@transaction.atomic
def set_required(actor: User, organisation: Organisation, required: int) -> DualLifeRule:
    """Set how many branch meetings a year the organisation's leaders attend; audited."""
    if not can_manage(actor, organisation):
        raise Forbidden("只有本组织的书记或办公室可以设置参加次数要求")
    if not 0 < required <= 100:
        raise Refusal("每年应参加次数应在 1–100 之间")
    rule, created = DualLifeRule.objects.select_for_update().get_or_create(organisation=organisation)
    before = None if created else snapshot(rule)
    rule.required_per_year = required
    rule.save()
    record(
        actor,
        AuditAction.CHANGE,
        rule,
        summary="设置双重组织生活参加次数",
        before=before,
        after=snapshot(rule),
        organisation_path=organisation.path,
    )
    return rule


@dataclass(frozen=True)
class YearCount:
    """A leader's branch meetings in one year: attended (spoke included), spoke, absent, required."""

    attended: int
    spoke: int
    absent: int
    required: int

    @property
    def short(self) -> bool:
        """True when he attended fewer than required."""
        return self.attended < self.required


def year_counts(people: Iterable[User], year: int, required: Mapping[int, int]) -> dict[int, YearCount]:
    """YearCount per person id for `year` (one query); `required` per person id."""
    ids = [p.pk for p in people]
    rows = (
        Attendance.objects.filter(person_id__in=ids, meeting__date__year=year)
        .values("person_id")
        .annotate(
            attended=Count("pk", filter=~Q(presence=Presence.ABSENT)),
            spoke=Count("pk", filter=Q(presence=Presence.SPOKE)),
            absent=Count("pk", filter=Q(presence=Presence.ABSENT)),
        )
    )
    found = {r["person_id"]: r for r in rows}
    return {
        pk: YearCount(
            found.get(pk, {}).get("attended", 0),
            found.get(pk, {}).get("spoke", 0),
            found.get(pk, {}).get("absent", 0),
            required.get(pk, DEFAULT_REQUIRED_PER_YEAR),
        )
        for pk in ids
    }
