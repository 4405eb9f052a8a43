"""Talks (谈心谈话): recording them, and the coverage matrix of the pairs the rules require."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet

from zhenggai.core.errors import Refusal
from zhenggai.meetings.access import can_read_all, must_manage
from zhenggai.meetings.models import Meeting, Talk
from zhenggai.meetings.services import secretaries
from zhenggai.orgs.models import Role, User

NOTE_MAX_CHARS = 500


@transaction.atomic
def record_talk(
    actor: User,
    meeting: Meeting,
    *,
    initiator: User,
    partner: User,
    date: datetime.date,
    note: str = "",
) -> Talk:
    """Record a talk between two participants of the meeting.

    Raises Forbidden unless the actor manages the meeting; Refusal when both are the same person,
    either is not a participant, or the note is longer than NOTE_MAX_CHARS.
    """
    must_manage(actor, meeting)
    if initiator.pk == partner.pk:
        raise Refusal("谈话人和谈话对象不能是同一人")
    members = set(meeting.members.values_list("pk", flat=True))
    strangers = [str(u) for u in (initiator, partner) if u.pk not in members]
    if strangers:
        raise Refusal(f"{'、'.join(strangers)}不是本次会议的参会人员")
    note = note.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise Refusal(f"简要内容不能超过 {NOTE_MAX_CHARS} 字")
    return Talk.objects.create(
        meeting=meeting, initiator=initiator, partner=partner, date=date, note=note, created_by=actor
    )


def delete_talk(actor: User, talk: Talk) -> None:
    """Delete a talk's record. Raises Forbidden unless the actor manages the meeting."""
    must_manage(actor, talk.meeting)
    talk.delete()


def visible_talks(user: User, meeting: Meeting) -> QuerySet[Talk]:
    """Every talk for the office and reviewers; a member sees the talks he took part in."""
    qs = meeting.talks.select_related("initiator", "partner")
    if can_read_all(user, meeting):
        return qs
    return qs.filter(Q(initiator=user) | Q(partner=user))


@dataclass
class Cell:
    """One pair of the matrix: required or not, and the dates it happened on (empty: missing)."""

    required: bool
    dates: list[datetime.date] = field(default_factory=list)

    @property
    def done(self) -> bool:
        """True when at least one talk of the pair is recorded."""
        return bool(self.dates)


@dataclass
class Coverage:
    """The people (secretaries first) and, for each unordered pair, its cell."""

    people: list[User]
    secretary_ids: set[int]
    cells: dict[frozenset[int], Cell]

    def cell(self, a: User, b: User) -> Cell | None:
        """The cell of the pair a, b in either order; None for a person with himself or outside the matrix."""
        return self.cells.get(frozenset((a.pk, b.pk)))

    @property
    def missing(self) -> list[tuple[User, User]]:
        """The required pairs without a talk, each and all in the matrix's order (secretaries first)."""
        by_id = {p.pk: p for p in self.people}
        order = {p.pk: i for i, p in enumerate(self.people)}
        out = []
        for pair, cell in self.cells.items():
            if cell.required and not cell.done:
                a, b = sorted(pair, key=order.__getitem__)
                out.append((by_id[a], by_id[b]))
        return sorted(out, key=lambda ab: (order[ab[0].pk], order[ab[1].pk]))

    @property
    def required_count(self) -> int:
        """How many pairs the rules require."""
        return sum(1 for c in self.cells.values() if c.required)

    @property
    def done_count(self) -> int:
        """How many of the required pairs have had at least one talk."""
        return sum(1 for c in self.cells.values() if c.required and c.done)

    def rows(self) -> list[tuple[User, list[Cell | None]]]:
        """For the template: each person with the cells against every person (None on the diagonal)."""
        return [(a, [None if a.pk == b.pk else self.cell(a, b) for b in self.people]) for a in self.people]


def coverage(meeting: Meeting) -> Coverage:
    """The pairs the rules require: the secretary with every member, and the members with each other.

    Required people are the participants who are the organisation's secretary or a member; a pair
    with anyone else (e.g. office staff taking part) is shown but not required. A talk counts for
    its pair whichever of the two started it.
    """
    sec = secretaries(meeting)
    sec_ids = {s.pk for s in sec}
    others = list(meeting.members.exclude(pk__in=sec_ids).order_by("display_name", "username"))
    people = sec + others
    required_ids = sec_ids | set(
        meeting.members.filter(
            memberships__organisation=meeting.organisation, memberships__role=Role.MEMBER
        ).values_list("pk", flat=True)
    )
    cells: dict[frozenset[int], Cell] = {}
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            cells[frozenset((a.pk, b.pk))] = Cell(required=a.pk in required_ids and b.pk in required_ids)
    for initiator_id, partner_id, date in meeting.talks.values_list("initiator_id", "partner_id", "date"):
        cell = cells.get(frozenset((initiator_id, partner_id)))
        if cell is not None:
            cell.dates.append(date)
    for cell in cells.values():
        cell.dates.sort()
    return Coverage(people=people, secretary_ids=sec_ids, cells=cells)
