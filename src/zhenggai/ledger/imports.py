"""Import a ledger kept in Excel: all or nothing, through the pages' rules, updating what is already there.

Every row goes through the service checks the pages use (import_rows for a new measure,
import_update for one the ledger has: by its key, or by source and text), owners only among the
target organisation's eligible people (import_people). Any refusal is an error naming the row and
the column; one error and nothing is stored (one transaction). A dry run does all of it and rolls
back, so the check page previews exactly what confirming will do: new, changed (old → new),
unchanged and refused rows, and the ledger's measures the file leaves out (never deleted).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from zhenggai.core.bulk import insert_rows
from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.documents.ledger_xlsx import LedgerIssue, LedgerRow, LedgerSheet, read_ledger_xlsx, year_in
from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.audit import Trail, snapshot
from zhenggai.ledger.bulk import bulk_create_problems
from zhenggai.ledger.import_groups import GroupColumn
from zhenggai.ledger.import_people import People
from zhenggai.ledger.import_rows import column_of, fits, new_measure, status_fields
from zhenggai.ledger.import_update import (
    IMPORTED_EVIDENCE,
    RowChange,
    block_problem,
    existing_measures,
    keeps_owner,
    move_into,
    update_measure,
    update_problem,
    with_lines,
)
from zhenggai.ledger.models import (
    MEETING_KINDS,
    Campaign,
    Measure,
    Problem,
    Progress,
    Source,
    SourceKind,
    Status,
)
from zhenggai.ledger.services import create_measure
from zhenggai.ledger.services.common import save_changes
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Organisation, User

__all__ = ["IMPORTED_EVIDENCE", "MAX_IMPORT_BYTES", "ImportReport", "import_ledger", "import_sheet"]

#: The largest ledger file an import reads (page or command line).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
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
#: The ledger's measures left out of the file that the report names (the rest are counted).
MISSING_SHOWN = 20


@dataclass
class ImportReport:
    """What an import read and did (or, refused or dry, would have done): the preview of a check."""

    sheet: LedgerSheet
    stored: bool = False
    dry_run: bool = False
    problems: int = 0
    measures: int = 0
    progress: int = 0
    sources_created: list[str] = field(default_factory=list)
    owners_created: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    #: (sheet row, measure text) of each row that adds a measure.
    new_rows: list[tuple[int, str]] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    unchanged: int = 0
    #: Measures of the sources the file touches that it does not list: “第3个问题：措施…”.
    missing: list[str] = field(default_factory=list)
    missing_count: int = 0
    #: Owner names no eligible person has, which the office may choose to create.
    unknown_owners: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the sheet has no errors (warnings do not count)."""
        return self.sheet.ok

    @property
    def refused_rows(self) -> list[int]:
        """The sheet rows with an error."""
        return sorted({e.row for e in self.sheet.errors if e.row})

    def summary(self) -> str:
        """One sentence in Chinese saying what happened."""
        sheet = self.sheet
        if not sheet.ok:
            return f"“{sheet.name}”有 {len(sheet.errors)} 处错误，整个文件未导入，台账没有任何改动。"
        made = f"新增问题 {self.problems} 个、整改措施 {self.measures} 条，修改 {len(self.changed)} 条，未变 {self.unchanged} 条"
        extra = [
            f"新建{label} {len(names)} 个"
            for label, names in (
                ("问题来源", self.sources_created),
                ("责任人", self.owners_created),
                ("责任单位", self.units_created),
            )
            if names
        ]
        tail = f"（{'，'.join(extra)}）" if extra else ""
        if self.dry_run:
            return f"试导入“{sheet.name}”：{made}{tail}；未写入台账。"
        return f"已导入“{sheet.name}”：{made}{tail}。"


class ImportRefused(Exception):
    """Raised inside the transaction to roll it back when the rows cannot be stored (or on a dry run)."""


def import_ledger(
    actor: User,
    data: bytes,
    name: str,
    *,
    organisation: Organisation,
    source: Source | None = None,
    dry_run: bool = False,
    create_owners: Collection[str] = (),
    campaign: Campaign | None = None,
) -> ImportReport:
    """Read `data` and store every row in `organisation` (and `source`, else the file's 问题来源); the
    推进组 column is matched within `campaign` (see import_groups.py).

    Raises DocumentError when the file is not a readable .xlsx; any error in a row leaves the
    ledger untouched and is listed in the report. `create_owners`: owner names the office chose to
    create as members of `organisation`. Permissions are checked by the services used.
    """
    sheet = read_ledger_xlsx(data, name)
    return import_sheet(
        actor,
        sheet,
        organisation=organisation,
        source=source,
        dry_run=dry_run,
        create_owners=create_owners,
        campaign=campaign,
    )


def import_sheet(
    actor: User,
    sheet: LedgerSheet,
    *,
    organisation: Organisation,
    source: Source | None = None,
    dry_run: bool = False,
    create_owners: Collection[str] = (),
    campaign: Campaign | None = None,
) -> ImportReport:
    """Store rows already read (see import_ledger)."""
    report = ImportReport(sheet=sheet, dry_run=dry_run)
    if not sheet.ok or not fits(sheet, organisation, source):
        return report
    try:
        with transaction.atomic():
            store = _Store(actor, sheet, organisation, source, report, create_owners)
            store.workgroups = GroupColumn(actor, sheet, campaign)
            store.run()
            if dry_run or not sheet.ok:
                raise ImportRefused
    except ImportRefused:
        return report
    report.stored = True
    return report


class _Store:
    def __init__(
        self,
        actor: User,
        sheet: LedgerSheet,
        org: Organisation,
        source: Source | None,
        report: ImportReport,
        create_owners: Collection[str],
    ) -> None:
        self.actor = actor
        self.sheet = sheet
        self.org = org
        self.source = source
        self.report = report
        self.today = today()
        self.sources: dict[str, Source | None] = {}
        self.existing_sources: dict[str, Source | None] = {}
        self.people = People(actor, org, sheet, create_owners)
        self.numbers: dict[int, int] = {}
        self.extras: list[tuple[Measure, LedgerRow]] = []
        self.touched: set[int] = set()
        self.created: set[int] = set()  # sources made by this import
        self.owner_ids: set[int] = set()
        self.workgroups = GroupColumn(actor, sheet, None)

    def run(self) -> None:
        """Update the measures the ledger has, add the others (new problems in bulk), then their progress;
        in the caller's transaction, every change audited.
        """
        existing = existing_measures(self.sheet, self.org, self.sheet.rows, self._existing_source)
        self.people.resolve(r for r in self.sheet.rows if not keeps_owner(r, existing.get(r.row)))
        self.report.unknown_owners = self.people.unknown
        self.owner_ids = set(eligible_owners(self.org).values_list("pk", flat=True))
        groups: dict[int, list[LedgerRow]] = {}
        for row in self.sheet.rows:
            groups.setdefault(row.problem_ref, []).append(row)
        items: list[tuple[Problem, list[Measure]]] = []
        for rows in groups.values():
            known = [existing[r.row] for r in rows if r.row in existing]
            if known:
                self._update_group(rows, block_problem(known), existing)
                self.workgroups.check(rows, block_problem(known))
            elif (made := self._new_problem(rows)) is not None:
                items.append(made)
                self.workgroups.check(rows, made[0])
        self._finish(items, existing)

    def _finish(self, items: list[tuple[Problem, list[Measure]]], existing: dict[int, Measure]) -> None:
        report = self.report
        report.sources_created = [
            t for t, s in self.sources.items() if s is not None and s.pk in self.created
        ]
        report.owners_created, report.units_created = self.people.created, self.people.units_created
        if not self.sheet.ok:
            return
        try:
            bulk_create_problems(self.actor, items, summary="导入台账")
        except Refusal as exc:  # the rows were checked one by one; this is a rule nobody foresaw
            self.sheet.errors.append(LedgerIssue(0, None, exc.message))
            return
        self._progress(self.extras)
        self.workgroups.apply()
        report.problems = len(items)
        report.measures = len(report.new_rows)
        self._missing({m.pk for m in existing.values()} | {m.pk for m, _ in self.extras})

    def _update_group(self, rows: list[LedgerRow], problem: Problem, existing: dict[int, Measure]) -> None:
        """A problem the ledger has: its own fields, then each row's measure, changed or added."""
        self.touched.add(problem.source_id)
        problem_changes = update_problem(self.actor, self.sheet, rows[0], problem)
        for index, row in enumerate(rows):
            measure = existing.get(row.row)
            if measure is None:
                self._add_measure(problem, row)
                continue
            moved = move_into(self.actor, self.sheet, row, measure, problem)
            change = update_measure(self.actor, self.sheet, self.people, row, measure, self.today)
            change = with_lines(change, row, measure, (problem_changes if index == 0 else []) + moved)
            if change is None:
                self.report.unchanged += 1
            else:
                self.report.changed.append(change)
        if problem_changes and rows[0].row not in existing:
            self.report.changed.append(RowChange(rows[0].row, "", problem.description, problem_changes))

    def _add_measure(self, problem: Problem, row: LedgerRow) -> None:
        """A row typed into a problem the ledger has: a new measure through create_measure."""
        try:
            measure = create_measure(
                self.actor,
                problem=problem,
                text=row.measure,
                term=row.term or "deadline",
                deadline=row.deadline,
                owner=self.people.owner(row),
                unit=self.people.unit(row),
            )
        except Refusal as exc:
            column = column_of(exc.message, "measure")
            self.sheet.errors.append(LedgerIssue(row.row, self.sheet.header(column), f"{exc.message}。"))
            return
        before = snapshot(measure)
        if status_fields(self.sheet, row, measure, self.today) and measure.status != Status.NOT_STARTED:
            save_changes(self.actor, measure, before, "导入台账")
        self.extras.append((measure, row))
        self.report.new_rows.append((row.row, row.measure))

    def _new_problem(self, rows: list[LedgerRow]) -> tuple[Problem, list[Measure]] | None:
        """A problem the ledger does not have, with its measures, checked row by row (stored in bulk)."""
        first = rows[0]
        source = self._source(first.source)
        if source.pk not in self.numbers:
            top = Problem.objects.filter(source=source).aggregate(n=Max("number"))["n"]
            self.numbers[source.pk] = top or 0
        self.numbers[source.pk] += 1
        problem = Problem(
            source=source,
            organisation=self.org,
            number=self.numbers[source.pk],
            aspect=first.aspect[:300],
            category=first.category[:100],
            description=first.problem,
        )
        measures = []
        for number, row in enumerate(rows, 1):
            measure = Measure(
                problem=problem,
                organisation=self.org,
                number=number,
                text=row.measure,
                owner=self.people.owner(row),
                unit=self.people.unit(row),
                term=row.term or "deadline",
                deadline=row.deadline,
            )
            if new_measure(self.sheet, row, measure, self.owner_ids, self.today):
                measures.append(measure)
                self.extras.append((measure, row))
                self.report.new_rows.append((row.row, row.measure))
        return problem, measures

    def _progress(self, measures: Iterable[tuple[Measure, LedgerRow]]) -> None:
        """The rows' progress notes and evidence names, audited, as column values (no object each)."""
        rows: list[dict[str, object]] = []
        of: list[Measure] = []
        common = {"date": self.today, "author_id": self.actor.pk, "status_before": ""}
        for measure, row in measures:
            for text in (row.progress, f"{IMPORTED_EVIDENCE}{row.evidence}" if row.evidence else ""):
                if text:
                    rows.append(
                        {**common, "measure_id": measure.pk, "text": text, "status_after": measure.status}
                    )
                    of.append(measure)
        ids = insert_rows(Progress, rows)
        trail = Trail(self.actor, "导入台账")
        trail.name(self.actor)
        for pk, values, measure in zip(ids, rows, of, strict=True):
            trail.name(measure)
            label, path = Progress.label(self.today, str(values["text"])), self.org.path
            trail.add_values(
                Progress,
                pk,
                values,
                label,
                problem_id=measure.problem_id,
                measure_id=measure.pk,
                organisation_path=path,
            )
        trail.write()
        self.report.progress = len(rows)

    def _missing(self, listed: set[int]) -> None:
        """The measures of the sources the file updated that it does not list: shown, never deleted."""
        left = (
            Measure.objects.filter(
                problem__source_id__in=self.touched, organisation__path__startswith=self.org.path
            )
            .exclude(pk__in=listed)
            .select_related("problem")
            .order_by("problem__number", "number")
        )
        self.report.missing_count = left.count()
        self.report.missing = [f"第{m.problem.number}个问题：{m.text[:40]}" for m in left[:MISSING_SHOWN]]

    def _existing_source(self, title: str) -> Source | None:
        """The source rows without a key belong to, when it exists already (None: all rows are new)."""
        if self.source is not None:
            return self.source
        title = title.strip()[:200]
        if title not in self.existing_sources:  # asked once a row: one query a title, not a row
            found = Source.objects.filter(organisation__path__startswith=self.org.path, title=title).first()
            self.existing_sources[title] = found
        return self.existing_sources[title]

    def _source(self, title: str) -> Source:
        if self.source is not None:
            return self.source
        title = title.strip()[:200]
        found = self.sources.get(title) or self._existing_source(title)
        if found is None:
            kind = next((k for word, k in SOURCE_KINDS if word in title), SourceKind.SUPERVISION)
            year = year_in(title) or year_in(self.sheet.title) or self.today.year
            body = "" if kind in MEETING_KINDS else title
            found = create_source(
                self.actor, kind=kind, organisation=self.org, title=title, year=year, inspecting_body=body
            )
            self.created.add(found.pk)
        self.sources[title] = found
        return found
