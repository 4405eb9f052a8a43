"""Import a ledger kept in Excel: all or nothing, owners/units/sources created by name, every row audited."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max

from zhenggai.core.dates import today
from zhenggai.documents.ledger_xlsx import LedgerIssue, LedgerRow, LedgerSheet, read_ledger_xlsx, year_in
from zhenggai.ledger.audit import AuditAction, AuditEntry, entry, snapshot
from zhenggai.ledger.bulk import bulk_create_problems
from zhenggai.ledger.models import MEETING_KINDS, Measure, Problem, Progress, Source, SourceKind, Status, Term
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Membership, Organisation, Role, User

#: The largest ledger file an import reads (page or command line).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: A progress entry holding the evidence file names an imported ledger listed (no files came with it).
IMPORTED_EVIDENCE = "【导入的佐证材料】"
#: Words in a source's name and the kind of source they mean, most specific first.
SOURCE_KINDS = (
    ("组织生活会", SourceKind.ORGANISATIONAL_LIFE),
    ("民主生活会", SourceKind.DEMOCRATIC_LIFE),
    ("生活会", SourceKind.DEMOCRATIC_LIFE),
    ("巡视", SourceKind.CENTRAL_INSPECTION),
    ("巡察", SourceKind.INSPECTION),
    ("审计", SourceKind.AUDIT),
    ("督查", SourceKind.SUPERVISION),
)
_NAME_SEPARATORS = re.compile(r"[、，,；;/／\s]+")
_BRACKETS = re.compile(r"[（(【\[].*?[）)】\]]")


@dataclass
class ImportReport:
    """What an import read and did (or, refused or dry, would have done)."""

    sheet: LedgerSheet
    stored: bool = False
    dry_run: bool = False
    problems: int = 0
    measures: int = 0
    progress: int = 0
    sources_created: list[str] = field(default_factory=list)
    owners_created: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the sheet has no errors (warnings do not count)."""
        return self.sheet.ok

    def summary(self) -> str:
        """One sentence in Chinese saying what happened."""
        sheet = self.sheet
        if not sheet.ok:
            return f"“{sheet.name}”有 {len(sheet.errors)} 处错误，整个文件未导入，台账没有任何改动。"
        made = f"问题 {self.problems} 个、整改措施 {self.measures} 条"
        extra = []
        for label, names in (("问题来源", self.sources_created), ("责任人", self.owners_created)):
            if names:
                extra.append(f"新建{label} {len(names)} 个")
        if self.units_created:
            extra.append(f"新建责任单位 {len(self.units_created)} 个")
        tail = f"（{'，'.join(extra)}）" if extra else ""
        if self.dry_run:
            return f"试导入“{sheet.name}”：可导入{made}{tail}；未写入台账。"
        return f"已导入“{sheet.name}”：{made}{tail}。"


class ImportRefused(Exception):
    """Raised inside the transaction to roll it back when the rows cannot be stored."""


def import_ledger(
    actor: User,
    data: bytes,
    name: str,
    *,
    organisation: Organisation,
    source: Source | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Read `data` and store every row in `organisation` (and `source`, else the file's 问题来源).

    Raises DocumentError when the file is not a readable .xlsx; any error in a row leaves the
    ledger untouched and is listed in the report. Permissions are checked by the services used.
    """
    sheet = read_ledger_xlsx(data, name)
    return import_sheet(actor, sheet, organisation=organisation, source=source, dry_run=dry_run)


def import_sheet(
    actor: User,
    sheet: LedgerSheet,
    *,
    organisation: Organisation,
    source: Source | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Store rows already read (see import_ledger)."""
    report = ImportReport(sheet=sheet, dry_run=dry_run)
    if not sheet.ok:
        return report
    if not sheet.rows:
        sheet.errors.append(LedgerIssue(0, None, "表格中没有可导入的整改措施。"))
        return report
    if source is not None and not (
        organisation.path.startswith(source.organisation.path)
        or source.organisation.path.startswith(organisation.path)
    ):
        sheet.errors.append(
            LedgerIssue(
                0,
                None,
                f"问题来源“{source}”属于“{source.organisation}”，与导入的组织“{organisation}”无关，请重新选择。",
            )
        )
        return report
    if source is None:
        missing = [row.row for row in sheet.rows if not row.source]
        if missing:
            rows = "、".join(str(n) for n in missing[:10]) + ("等" if len(missing) > 10 else "")
            sheet.errors.append(
                LedgerIssue(
                    0, None, f"第{rows}行没有填写问题来源：请补上“问题来源”列，或导入时指定问题来源。"
                )
            )
            return report
    try:
        with transaction.atomic():
            _Store(actor, sheet, organisation, source, report).run()
            if dry_run:
                raise ImportRefused
    except ImportRefused:
        return report
    report.stored = True
    return report


class _Store:
    def __init__(
        self, actor: User, sheet: LedgerSheet, org: Organisation, source: Source | None, report: ImportReport
    ) -> None:
        self.actor = actor
        self.sheet = sheet
        self.org = org
        self.source = source
        self.report = report
        self.today = today()
        self.sources: dict[str, Source] = {}
        self.owners: dict[str, User] = {}
        self.units: dict[str, Organisation] = {}

    def run(self) -> None:
        """Create the problems with their measures and progress, and the owners, units and sources the file
        names that do not exist yet; in the caller's transaction, every row audited.
        """
        self._resolve_owners(self.sheet.rows)
        groups: dict[int, list[LedgerRow]] = {}
        for row in self.sheet.rows:
            groups.setdefault(row.problem_ref, []).append(row)
        numbers: dict[int, int] = {}
        items: list[tuple[Problem, list[Measure]]] = []
        extras: list[tuple[Measure, LedgerRow]] = []
        for rows in groups.values():
            first = rows[0]
            source = self.source or self._source(first.source)
            if source.pk not in numbers:
                numbers[source.pk] = (
                    Problem.objects.filter(source=source).aggregate(n=Max("number"))["n"] or 0
                )
            numbers[source.pk] += 1
            problem = Problem(
                source=source,
                organisation=self.org,
                number=numbers[source.pk],
                aspect=first.aspect[:300],
                category=first.category[:100],
                description=first.problem,
            )
            measures = []
            for index, row in enumerate(rows, 1):
                measure = self._measure(row, index)
                measures.append(measure)
                extras.append((measure, row))
            items.append((problem, measures))
        bulk_create_problems(self.actor, items, summary="导入台账")
        self._progress(extras)
        self.report.problems = len(items)
        self.report.measures = len(extras)

    def _measure(self, row: LedgerRow, number: int) -> Measure:
        status = row.status if row.status in Status.values else Status.NOT_STARTED
        measure = Measure(
            number=number,
            text=row.measure,
            owner=self._owner(row.owner, row.row),
            unit=self._unit(row.unit, row.row),
            term=row.term or Term.DEADLINE,
            deadline=row.deadline,
            status=status,
        )
        if status == Status.DONE:
            measure.completion_note = row.progress or "（导入）"
            measure.done_without_evidence = not row.evidence
        elif status == Status.BLOCKED:
            measure.blocked_reason = row.progress or "（导入时未说明原因）"
        return measure

    def _progress(self, measures: Iterable[tuple[Measure, LedgerRow]]) -> None:
        entries: list[Progress] = []
        for measure, row in measures:
            for text in (row.progress, f"{IMPORTED_EVIDENCE}{row.evidence}" if row.evidence else ""):
                if text:
                    entries.append(
                        Progress(
                            measure=measure,
                            date=self.today,
                            text=text,
                            author=self.actor,
                            status_before="",
                            status_after=measure.status,
                        )
                    )
        Progress.objects.bulk_create(entries, batch_size=1000)
        trail = [
            entry(
                self.actor,
                AuditAction.CREATE,
                p,
                summary="导入台账",
                before=None,
                after=snapshot(p),
                problem_id=p.measure.problem_id,
                measure_id=p.measure.pk,
                organisation_path=self.org.path,
            )
            for p in entries
        ]
        AuditEntry.objects.bulk_create(trail, batch_size=1000)
        self.report.progress = len(entries)

    def _source(self, title: str) -> Source:
        title = title.strip()[:200]
        if title in self.sources:
            return self.sources[title]
        found = Source.objects.filter(organisation__path__startswith=self.org.path, title=title).first()
        if found is None:
            kind = next((k for word, k in SOURCE_KINDS if word in title), SourceKind.SUPERVISION)
            year = year_in(title) or year_in(self.sheet.title) or self.today.year
            found = create_source(
                self.actor,
                kind=kind,
                organisation=self.org,
                title=title,
                year=year,
                inspecting_body="" if kind in MEETING_KINDS else title,
            )
            self.report.sources_created.append(title)
        self.sources[title] = found
        return found

    def _first_name(self, text: str, row: int, column: str) -> str:
        names = _names(text)
        if len(names) > 1:
            self.sheet.warnings.append(
                LedgerIssue(row, column, f"“{text}”有多个，取第一个“{names[0]}”，其余请在整改措施中补充。")
            )
        return names[0] if names else ""

    def _owner(self, text: str, row: int) -> User | None:
        name = self._first_name(text, row, "责任人")[:50]
        return self.owners[name] if name else None

    def _resolve_owners(self, rows: Iterable[LedgerRow]) -> None:
        """Find every owner named in the file with a few queries, and create the missing ones at once."""
        names = {name for row in rows if (name := self._owner_name(row.owner))}
        members = set(
            Membership.objects.filter(
                organisation__path__startswith=self.org.path, user__display_name__in=names
            ).values_list("user_id", flat=True)
        )
        for person in User.objects.filter(display_name__in=names).order_by("pk"):
            current = self.owners.get(person.display_name)
            # one of this organisation's people first, else the first person of that name
            if current is None or (person.pk in members and current.pk not in members):
                self.owners[person.display_name] = person
        rest = names - set(self.owners)
        for person in User.objects.filter(username__in=rest):
            self.owners[person.username] = person
        missing = sorted(names - set(self.owners))
        if not missing:
            return
        taken = set(
            User.objects.filter(username__in=[m[:140] for m in missing]).values_list("username", flat=True)
        )
        new_people = []
        for name in missing:
            username, n = name[:140], 1
            while username in taken or (n > 1 and User.objects.filter(username=username).exists()):
                n += 1
                username = f"{name[:140]}{n}"
            taken.add(username)
            new_people.append(User(username=username, display_name=name, password=make_password(None)))
        created = User.objects.bulk_create(new_people, batch_size=1000)
        Membership.objects.bulk_create(
            [Membership(user=person, organisation=self.org, role=Role.MEMBER) for person in created],
            batch_size=1000,
        )
        for person in created:
            self.owners[person.display_name] = person
        self.report.owners_created.extend(missing)

    def _owner_name(self, text: str) -> str:
        names = _names(text)
        return names[0][:50] if names else ""

    def _unit(self, text: str, row: int) -> Organisation | None:
        name = self._first_name(text, row, "责任单位")[:100]
        if not name:
            return None
        if name not in self.units:
            found = self.org.subtree().filter(name=name).order_by("depth").first()
            if found is None:
                found = Organisation.objects.create(name=name, parent=self.org)
                self.report.units_created.append(name)
            self.units[name] = found
        return self.units[name]


def _names(text: str) -> list[str]:
    """“张三（分管领导）、李四” → ["张三", "李四"]."""
    return [n for n in _NAME_SEPARATORS.split(_BRACKETS.sub("", text)) if n]
