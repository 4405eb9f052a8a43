"""Who gets which daily digest: each owner his own open measures overdue or due soon, each unit's office
the measures of its unit, each group robot those of its organisation and below (ledger/due.py).

A unit's office is whoever holds the 办公室 role in the unit itself, else in the nearest organisation
above it that has one — the office that runs the unit's ledger.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from zhenggai.ledger import due, reminders
from zhenggai.ledger.models import Measure
from zhenggai.notify.models import GroupRobot, Preference
from zhenggai.orgs.models import Membership, Organisation, Role, User


@dataclass
class Section:
    """One part of a digest: a heading and its measures."""

    title: str
    items: list[due.Item]


@dataclass
class Digest:
    """What one recipient gets today."""

    sections: list[Section] = field(default_factory=list)

    @property
    def items(self) -> list[due.Item]:
        """Every measure of the digest (a measure in two sections counts twice)."""
        return [item for section in self.sections for item in section.items]

    def counts(self) -> due.Counts:
        """Overdue and due-soon measures of the digest, each measure once."""
        states = {item.measure.pk: item.state for item in self.items}
        overdue = sum(1 for s in states.values() if s == due.OVERDUE)
        return due.Counts(overdue, len(states) - overdue)


def _offices(units: set[int]) -> dict[int, list[User]]:
    """Unit id → the people of its office (the unit's own, else the nearest one above it)."""
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=units)}
    paths = {p for o in orgs.values() for p in _paths(o.path)}
    offices: dict[str, list[User]] = defaultdict(list)
    memberships = Membership.objects.filter(
        role=Role.OFFICE, organisation__path__in=paths, user__is_active=True
    )
    for m in memberships.select_related("user", "organisation").order_by("user_id"):
        offices[m.organisation.path].append(m.user)
    out = {}
    for pk, org in orgs.items():
        nearest = next((offices[p] for p in reversed(_paths(org.path)) if offices.get(p)), [])
        out[pk] = nearest
    return out


def _paths(path: str) -> list[str]:
    """The paths from the root down to this one: "1/2/" → ["1/", "1/2/"]."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def personal(today: datetime.date) -> dict[User, Digest]:
    """Each person's digest for `today`: his own measures, then each unit whose office he is."""
    found = reminders.all_items(today)
    digests: dict[User, Digest] = defaultdict(Digest)
    own: dict[User, list[due.Item]] = defaultdict(list)
    by_unit: dict[int, list[due.Item]] = defaultdict(list)
    for item in found:
        if item.measure.owner is not None and item.measure.owner.is_active:
            own[item.measure.owner].append(item)
        if item.measure.unit_id is not None:
            by_unit[item.measure.unit_id].append(item)
    for person, items in own.items():
        digests[person].sections.append(Section("本人负责的整改措施", items))
    offices = _offices(set(by_unit))
    units = {o.pk: o for o in Organisation.objects.filter(pk__in=by_unit)}
    for unit_id in sorted(by_unit, key=lambda pk: units[pk].path):
        for person in offices.get(unit_id, []):
            digests[person].sections.append(
                Section(f"责任单位“{units[unit_id].name}”的整改措施", by_unit[unit_id])
            )
    return dict(digests)


def wants_email(people: list[User]) -> set[int]:
    """The ids of those among `people` who have not turned the digest e-mail off."""
    off = set(
        Preference.objects.filter(user__in=people, digest_email=False).values_list("user_id", flat=True)
    )
    return {p.pk for p in people if p.pk not in off}


def for_robot(robot: GroupRobot, today: datetime.date) -> Digest:
    """A group robot's digest: the measures of its organisation and below."""
    measures = Measure.objects.filter(organisation__path__startswith=robot.organisation.path)
    items = due.items(measures, today)
    return Digest([Section(robot.organisation.name, items)] if items else [])
