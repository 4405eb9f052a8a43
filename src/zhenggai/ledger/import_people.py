"""Who and which unit a ledger row names: owners only among the organisation's eligible people.

An owner is matched by name (or login) among the people who may own a measure of the target
organisation (access.eligible_owners: active, not a reviewer, in it or below). Nobody else is ever
matched: a same-named person of another organisation is not a match. A name that matches no one is
refused unless the office chose, on the check page, to create that person; a name that matches two
people is refused. Units are the organisation or one below it; a missing one is created. Every
person and organisation made here gets its audit entry.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from zhenggai.core.bulk import copy_create
from zhenggai.documents.ledger_xlsx import LedgerIssue, LedgerRow, LedgerSheet
from zhenggai.ledger.access import eligible_owners, owner_rule
from zhenggai.ledger.audit import AuditAction, entry, record
from zhenggai.orgs.models import Membership, Organisation, User
from zhenggai.orgs.services import create_members, create_organisation

_NAME_SEPARATORS = re.compile(r"[、，,；;/／\s]+")
_BRACKETS = re.compile(r"[（(【\[].*?[）)】\]]")
#: The audit summaries of what an import creates besides the ledger's rows.
PERSON_CREATED = "导入台账：新建人员"
UNIT_CREATED = "导入台账：新建责任单位"


def names_in(text: str) -> list[str]:
    """“张三（分管领导）、李四” → ["张三", "李四"]."""
    return [n for n in _NAME_SEPARATORS.split(_BRACKETS.sub("", text)) if n]


class People:
    """The owners and units of one import into `org`, resolved once for all its rows."""

    def __init__(
        self, actor: User, org: Organisation, sheet: LedgerSheet, create: Collection[str] = ()
    ) -> None:
        self.actor = actor
        self.org = org
        self.sheet = sheet
        self.create = {name.strip() for name in create if name.strip()}
        self.owners: dict[str, User] = {}
        self.units: dict[str, Organisation] = {}
        #: Names no eligible person has: the check page offers to create them.
        self.unknown: list[str] = []
        self.created: list[str] = []
        self.units_created: list[str] = []
        self._names: dict[str, list[str]] = {}

    def first_name(self, text: str, row: int, field: str) -> str:
        """The first name written in a cell; a warning when it names several."""
        names = self._names_in(text)
        if len(names) > 1:
            self.sheet.warnings.append(
                LedgerIssue(
                    row,
                    self.sheet.header(field),
                    f"“{text}”有多个，取第一个“{names[0]}”，其余请在整改措施中补充。",
                )
            )
        return names[0][:50] if names else ""

    def _names_in(self, text: str) -> list[str]:
        """names_in(text), read once for all the rows that repeat the cell."""
        names = self._names.get(text)
        if names is None:
            names = self._names[text] = names_in(text)
        return names

    def resolve(self, rows: Iterable[LedgerRow]) -> None:
        """Match every owner named in `rows`; an error on each row naming an unknown or ambiguous one.

        Persons the office chose to create (`create`) are created here, audited.
        """
        wanted: dict[str, list[int]] = {}
        for row in rows:
            names = self._names_in(row.owner)
            name = names[0][:50] if names else ""
            if name:
                wanted.setdefault(name, []).append(row.row)
        by_name: dict[str, list[User]] = {}
        by_login: dict[str, User] = {}
        for person in eligible_owners(self.org).filter(display_name__in=wanted):
            by_name.setdefault(person.display_name, []).append(person)
        for person in eligible_owners(self.org).filter(username__in=wanted):
            by_login[person.username] = person
        new: list[str] = []
        for name, rows_of in wanted.items():
            found = by_name.get(name, [])
            if len(found) == 1 or (not found and name in by_login):
                self.owners[name] = found[0] if found else by_login[name]
            elif len(found) > 1:
                self._ambiguous(name, found, rows_of)
            elif name in self.create:
                new.append(name)
            else:
                self.unknown.append(name)
                message = (
                    f"“{name}”不在可选的责任人中（{owner_rule(self.org)}）：请改为已有人员的姓名，"
                    "或在检查结果中勾选“新建该人员”后重新检查。"
                )
                for n in rows_of:
                    self.sheet.errors.append(LedgerIssue(n, self.sheet.header("owner"), message))
        if new:
            self._create_people(new)

    def _ambiguous(self, name: str, found: list[User], rows_of: list[int]) -> None:
        places = Membership.objects.filter(
            user__in=found, organisation__path__startswith=self.org.path
        ).values_list("organisation__name", flat=True)
        where = "、".join(dict.fromkeys(places))
        message = (
            f"“{name}”在“{self.org}”及其下级组织中有{len(found)}人（{where}），无法确定是谁："
            "请改写为其登录名。"
        )
        for n in rows_of:
            self.sheet.errors.append(LedgerIssue(n, self.sheet.header("owner"), message))

    def _create_people(self, names: list[str]) -> None:
        """Members of the organisation without a password (an administrator sets it), each audited."""
        people = create_members(self.actor, self.org, names)
        trail = [
            entry(
                self.actor,
                AuditAction.CREATE,
                person,
                summary=PERSON_CREATED,
                before=None,
                after={
                    "display_name": person.display_name,
                    "username": person.username,
                    "organisation": str(self.org),
                    "role": "班子成员",
                },
                organisation_path=self.org.path,
            )
            for person in people
        ]
        copy_create(trail)
        self.owners.update((person.display_name, person) for person in people)
        self.created.extend(names)

    def owner(self, row: LedgerRow) -> User | None:
        """The row's owner (None when the cell is empty or the name was refused)."""
        name = self.first_name(row.owner, row.row, "owner")
        return self.owners.get(name) if name else None

    def unit(self, row: LedgerRow) -> Organisation | None:
        """The row's unit: the organisation or one below it of that name, else a new one below it (audited)."""
        name = self.first_name(row.unit, row.row, "unit")[:100]
        if not name:
            return None
        if name not in self.units:
            found = self.org.subtree().filter(name=name).order_by("depth").first()
            if found is None:
                found = create_organisation(self.actor, name=name, parent=self.org)
                record(
                    self.actor,
                    AuditAction.CREATE,
                    found,
                    summary=UNIT_CREATED,
                    before=None,
                    after={"name": name, "parent": str(self.org)},
                    organisation_path=found.path,
                )
                self.units_created.append(name)
            self.units[name] = found
        return self.units[name]
