"""Rows of a ledger file that are already in the ledger: found by key or text, updated through the services.

An exported file carries each measure's key (its id, “123”, in a hidden column), so editing it in Excel and
importing it again updates those measures instead of adding them twice. A row without a key matches
an existing measure of the same source by normalised problem and measure text. What changed goes
through the same services as the pages (update_problem, update_measure, post_progress,
change_status): a deadline changes only by 延期, 已完成 needs its note and evidence, a closed problem
takes nothing; each change audited. A refusal is an error on the row and column.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from zhenggai.core.errors import Refusal
from zhenggai.documents.ledger_xlsx import STATUS_LABELS, TERM_LABELS, LedgerIssue, LedgerRow, LedgerSheet
from zhenggai.ledger import services
from zhenggai.ledger.duplicates import normalised
from zhenggai.ledger.import_people import People, names_in
from zhenggai.ledger.import_rows import blocked_reason_of, column_of
from zhenggai.ledger.models import Measure, Problem, Source
from zhenggai.orgs.models import Organisation, User

_KEY = re.compile(r"^M?(\d{1,12})$")
IMPORTED_EVIDENCE = "【导入的佐证材料】"


@dataclass
class RowChange:
    """A row of the file that changes a measure already in the ledger: (label, before, after) each."""

    row: int
    key: str
    text: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def shown(value: Any) -> str:
    """A value as the preview shows it: dates in Chinese, statuses and terms by their labels."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(STATUS_LABELS.get(value) or TERM_LABELS.get(value) or value)


def existing_measures(
    sheet: LedgerSheet,
    org: Organisation,
    rows: Iterable[LedgerRow],
    source_of: Callable[[str], Source | None],
) -> dict[int, Measure]:
    """The measure each row stands for, by sheet row: its key, else its source and normalised texts.

    A key that is malformed or repeated is an error on the row; one naming no measure of `org` or below
    (a file exported elsewhere, a measure deleted since) is matched by text like a row without a key.
    """
    rows = list(rows)
    keyed: dict[int, int] = {}
    seen: dict[str, int] = {}
    for row in rows:
        if not row.key:
            continue
        match = _KEY.match(row.key)
        column = sheet.header("key")
        if match is None:
            sheet.errors.append(
                LedgerIssue(row.row, column, f"“{row.key}”不是本系统导出的编号，请清空该格。")
            )
        elif row.key in seen:
            message = f"编号“{row.key}”与第{seen[row.key]}行重复：复制的行请清空编号，作为新措施导入。"
            sheet.errors.append(LedgerIssue(row.row, column, message))
        else:
            seen[row.key] = row.row
            keyed[row.row] = int(match.group(1))
    found = Measure.objects.select_related("problem", "problem__source", "owner", "unit").filter(
        pk__in=keyed.values(), organisation__path__startswith=org.path
    )
    by_pk = {m.pk: m for m in found}
    result: dict[int, Measure] = {}
    for number, pk in keyed.items():
        if pk in by_pk:
            result[number] = by_pk[pk]
        else:  # exported elsewhere, or deleted since: matched by text, else a new measure, said so
            message = (
                f"“{org}”的台账中没有编号为“{pk}”的整改措施，按问题和措施的文字对照，没有的作为新措施导入。"
            )
            sheet.warnings.append(LedgerIssue(number, sheet.header("key"), message))
    unkeyed = [r for r in rows if r.row not in result and (not r.key or r.row in keyed)]
    result.update(_by_text(unkeyed, source_of, set(by_pk)))
    return result


def _by_text(
    rows: list[LedgerRow], source_of: Callable[[str], Source | None], taken: set[int]
) -> dict[int, Measure]:
    """Rows without a key matched to a measure of their source with the same problem and measure text."""
    index: dict[int, dict[tuple[str, str], Measure]] = {}
    result: dict[int, Measure] = {}
    for row in rows:
        source = source_of(row.source)
        if source is None:
            continue
        if source.pk not in index:
            measures = Measure.objects.select_related("problem", "problem__source", "owner", "unit")
            index[source.pk] = {
                (normalised(m.problem.description), normalised(m.text)): m
                for m in measures.filter(problem__source=source)
            }
        found = index[source.pk].get((normalised(row.problem), normalised(row.measure)))
        if found is not None and found.pk not in taken:
            taken.add(found.pk)
            result[row.row] = found
    return result


def block_problem(known: list[Measure]) -> Problem:
    """The problem a block of rows stands for: the one most of its known measures belong to (the first
    row's on a tie); a known measure of another problem was moved into the block in Excel."""
    counts = Counter(m.problem_id for m in known)
    most = max(counts.values())
    return next(m.problem for m in known if counts[m.problem_id] == most)


def move_into(
    actor: User, sheet: LedgerSheet, row: LedgerRow, measure: Measure, problem: Problem
) -> list[tuple[str, str, str]]:
    """Move the row's measure under its block's problem through the service (a refusal is an error on
    the row's 问题描述); the preview's line, or nothing when it is there already."""
    if measure.problem_id == problem.pk:
        return []
    try:
        services.move_measure(actor, measure, problem)
    except Refusal as exc:
        sheet.errors.append(LedgerIssue(row.row, sheet.header("problem"), f"{exc.message}。"))
        return []
    return [("所属问题", _problem_label(measure.problem), _problem_label(problem))]


def _problem_label(problem: Problem) -> str:
    text = problem.description
    return f"第{problem.number}个问题：{text[:30]}{'…' if len(text) > 30 else ''}"


def with_lines(
    change: RowChange | None, row: LedgerRow, measure: Measure, lines: list[tuple[str, str, str]]
) -> RowChange | None:
    """`change` with `lines` (the problem's own changes, a move) put first; a change of its own if needed."""
    if not lines:
        return change
    change = change or RowChange(row.row, row.key or str(measure.pk), measure.text)
    change.changes[:0] = lines
    return change


def update_problem(
    actor: User, sheet: LedgerSheet, row: LedgerRow, problem: Problem
) -> list[tuple[str, str, str]]:
    """Change the problem's description, aspect and category to the row's, through the service."""
    wanted = {
        "description": row.problem.strip(),
        "aspect": row.aspect.strip(),
        "category": row.category.strip(),
    }
    columns = {"description": "problem", "aspect": "aspect", "category": "category"}
    fields: dict[str, Any] = {
        name: value
        for name, value in wanted.items()
        if sheet.has(columns[name]) and value != getattr(problem, name) and (value or name != "description")
    }
    if not fields:
        return []
    try:
        services.update_problem(actor, problem, **fields)
    except Refusal as exc:
        sheet.errors.append(
            LedgerIssue(row.row, sheet.header(columns[next(iter(fields))]), f"{exc.message}。")
        )
        return []
    return [(sheet.header(columns[n]), shown(getattr(problem, n)), shown(v)) for n, v in fields.items()]


def update_measure(
    actor: User, sheet: LedgerSheet, people: People, row: LedgerRow, measure: Measure, today: datetime.date
) -> RowChange | None:
    """Apply what the row changes in `measure` (fields, then new progress, then status); None when nothing."""
    change = RowChange(row.row, row.key or str(measure.pk), measure.text)
    fields, labels = _measure_fields(sheet, people, row, measure)
    if fields:
        try:
            services.update_measure(actor, measure, **fields)
        except Refusal as exc:
            column = column_of(exc.message, next(iter(labels)))
            sheet.errors.append(LedgerIssue(row.row, sheet.header(column), f"{exc.message}。"))
            return None
        change.changes += [(sheet.header(c), before, after) for c, (before, after) in labels.items()]
    added = _new_progress(row, measure)
    if added:
        try:
            services.post_progress(actor, measure, text=added, date=today)
        except Refusal as exc:
            sheet.errors.append(LedgerIssue(row.row, sheet.header("progress"), f"{exc.message}。"))
            return None
        change.changes.append((f"{sheet.header('progress')}（新增）", "", added))
    if _status_changes(sheet, row, measure):
        status_labels = _status_labels(sheet, row, measure)
        reason, review = _blocked_fields(sheet, row, measure)
        try:
            services.change_status(
                actor,
                measure,
                row.status,
                completion_note=added or row.progress,
                blocked_reason=reason,
                review_date=review,
            )
        except Refusal as exc:
            column = "review_date" if "复查" in exc.message else "status"
            sheet.errors.append(LedgerIssue(row.row, sheet.header(column), f"{exc.message}。"))
            return None
        change.changes += status_labels
    return change if change.changes else None


def _status_changes(sheet: LedgerSheet, row: LedgerRow, measure: Measure) -> bool:
    """True when the row sets another status, or (still 暂不具备整改条件) another reason or review date."""
    if not sheet.has("status") or row.status_blank:
        return False
    if row.status != measure.status:
        return True
    return row.status == "blocked" and _blocked_fields(sheet, row, measure) != (
        measure.blocked_reason,
        measure.review_date,
    )


def _blocked_fields(sheet: LedgerSheet, row: LedgerRow, measure: Measure) -> tuple[str, Any]:
    """The reason and review date the row gives a blocked measure. Made 暂不具备整改条件 now: the row's
    (the reason from 暂缓原因, else 整改进展). Blocked already: a column the file lacks keeps the measure's.
    """
    changing = row.status != measure.status
    reason = blocked_reason_of(row) if changing or sheet.has("blocked_reason") else measure.blocked_reason
    review = row.review_date if changing or sheet.has("review_date") else measure.review_date
    return reason, review


def _status_labels(sheet: LedgerSheet, row: LedgerRow, measure: Measure) -> list[tuple[str, str, str]]:
    """What the preview says a status change changed: the status, or a blocked measure's reason and date."""
    if row.status != measure.status:
        return [(sheet.header("status"), shown(measure.status), shown(row.status))]
    reason, review = _blocked_fields(sheet, row, measure)
    labels = []
    if reason != measure.blocked_reason:
        labels.append((sheet.header("blocked_reason"), shown(measure.blocked_reason), shown(reason)))
    if review != measure.review_date:
        labels.append((sheet.header("review_date"), shown(measure.review_date), shown(review)))
    return labels


def _measure_fields(
    sheet: LedgerSheet, people: People, row: LedgerRow, measure: Measure
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """The measure's fields the row changes, and by column the (before, after) the preview shows."""
    fields: dict[str, Any] = {}
    labels: dict[str, tuple[str, str]] = {}
    if sheet.has("measure") and row.measure.strip() != measure.text:
        fields["text"] = row.measure.strip()
        labels["measure"] = (measure.text, row.measure.strip())
    if sheet.has("owner") and not keeps_owner(row, measure):
        names = names_in(row.owner)
        current = (measure.owner.display_name or measure.owner.username) if measure.owner else ""
        fields["owner"] = people.owner(row)
        labels["owner"] = (shown(current), shown(names[0] if names else ""))
    unit = measure.unit.name if measure.unit else ""
    unit_names = names_in(row.unit)
    if sheet.has("unit") and (unit_names[0] if unit_names else "") != unit:
        fields["unit"] = people.unit(row)
        labels["unit"] = (shown(unit), shown(unit_names[0] if unit_names else ""))
    if row.term and row.term != measure.term:
        fields["term"] = row.term
        labels["term"] = (shown(measure.term), shown(row.term))
    if sheet.has("deadline") and row.deadline != measure.deadline:
        fields["deadline"] = row.deadline
        labels["deadline"] = (shown(measure.deadline), shown(row.deadline))
    return fields, labels


def keeps_owner(row: LedgerRow, measure: Measure | None) -> bool:
    """True when the row names the measure's present owner (by name or login): nothing to match, so an
    owner who has left since, and whom no page would offer now, stays as he is.
    """
    if measure is None:
        return False
    names = names_in(row.owner)
    name = names[0][:50] if names else ""
    owner = measure.owner
    return name in ((owner.display_name, owner.username) if owner else ("",))


def _new_progress(row: LedgerRow, measure: Measure) -> str:
    """The lines of the row's 整改进展 that no progress entry of the measure holds yet."""
    if not row.progress.strip():
        return ""
    texts = [
        t for t in measure.progress.values_list("text", flat=True) if not t.startswith(IMPORTED_EVIDENCE)
    ]
    if row.progress.strip() == "\n".join(texts).strip():
        return ""
    lines = [line.strip() for line in row.progress.splitlines() if line.strip()]
    return "\n".join(line for line in lines if not any(line in text for text in texts))
