"""Write ledger rows as a 整改台账 .xlsx (streamed, flat memory) or as CSV that Excel opens."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any, BinaryIO

from zhenggai.documents.ledger_xlsx.rows import KEY_HEADER, LedgerRow
from zhenggai.documents.ledger_xlsx.stream import CENTRE, HEADER, TITLE, WRAP, ByteSink, SheetWriter
from zhenggai.documents.measure_labels import STATUS_LABELS, TERM_LABELS

#: The columns written, in order: (header, field, width in characters). The first ten are the layout
#: offices use; 查摆方面, 问题类别 and 整改类型 are what a round trip needs besides, and the hidden last
#: column (width 0) the key that lets a re-import update each measure instead of adding it again.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("序号", "number", 6),
    ("问题来源", "source", 16),
    ("查摆方面", "aspect", 14),
    ("问题类别", "category", 10),
    ("问题描述", "problem", 40),
    ("整改措施", "measure", 40),
    ("责任领导/责任人", "owner", 12),
    ("责任单位", "unit", 14),
    ("整改类型", "term", 10),
    ("整改时限", "deadline", 14),
    ("整改进展", "progress", 36),
    ("完成情况/状态", "status", 12),
    ("佐证材料", "evidence", 24),
    (KEY_HEADER, "key", 0),
)
#: Columns that belong to the problem: merged down over the rows of its measures.
PROBLEM_COLUMNS = ("number", "source", "aspect", "category", "problem")
DEFAULT_TITLE = "整改台账"
SHEET_NAME = "整改台账"
#: Streaming hands out the file in pieces of about this size.
CHUNK_BYTES = 256 * 1024

_CENTRED = ("number", "owner", "term", "deadline", "status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_values(row: LedgerRow, number: int | str) -> list[Any]:
    """The row's values in COLUMNS order; the deadline stays a date, `number` is the problem's 序号."""
    values: list[Any] = []
    for _, name, _ in COLUMNS:
        if name == "number":
            values.append(number)
        elif name == "term":
            values.append(TERM_LABELS.get(row.term or "", ""))
        elif name == "deadline":
            values.append(_deadline_value(row))
        elif name == "status":
            values.append(STATUS_LABELS.get(row.status, row.status))
        elif name == "key":  # a number, as Excel shows ids; the reader takes it back as text
            values.append(int(row.key) if row.key.isdigit() else row.key)
        else:
            values.append(getattr(row, name))
    return values


def _deadline_value(row: LedgerRow) -> dt.date | str:
    if row.deadline is not None:
        return row.deadline
    if row.term in ("immediate", "ongoing"):
        return TERM_LABELS[row.term]
    return ""


def numbered(rows: Iterable[LedgerRow]) -> Iterator[tuple[int, bool, LedgerRow]]:
    """(problem's 序号, starts a problem?, row): consecutive rows with one `problem_ref` share a problem."""
    number = 0
    previous: int | None = None
    for row in rows:
        starts = previous is None or row.problem_ref != previous or not row.problem_ref
        if starts:
            number += 1
        previous = row.problem_ref
        yield number, starts, row


def iter_ledger_xlsx(rows: Iterable[LedgerRow], title: str | None = None) -> Iterator[bytes]:
    """The 整改台账 workbook of `rows`, as chunks of bytes while it is being written (for streaming)."""
    widths = [width for _, _, width in COLUMNS]
    problem_cols = [i for i, (_, name, _) in enumerate(COLUMNS, 1) if name in PROBLEM_COLUMNS]
    styles = [CENTRE if name in _CENTRED else WRAP for _, name, _ in COLUMNS]
    shown = [name not in PROBLEM_COLUMNS for _, name, _ in COLUMNS]
    sink = ByteSink()
    with SheetWriter(sink, SHEET_NAME, widths, frozen_rows=2) as sheet:
        sheet.append([title or DEFAULT_TITLE], [TITLE], height=36)
        sheet.merge(1, 1, 1, sum(1 for _, _, width in COLUMNS if width))  # over the columns shown
        sheet.append([header for header, _, _ in COLUMNS], [HEADER] * len(COLUMNS), height=30)
        first = at = 3  # the sheet row where the current problem started
        for number, starts, row in numbered(rows):
            values = cell_values(row, number)
            at = sheet.append([v if starts or shown[i] else None for i, v in enumerate(values)], styles)
            if starts:
                _merge(sheet, problem_cols, first, at - 1)
                first = at
            if sink.size >= CHUNK_BYTES:
                yield sink.take()
        _merge(sheet, problem_cols, first, sheet.rows)
    yield sink.take()


def write_ledger_xlsx(rows: Iterable[LedgerRow], out: BinaryIO | IO[bytes], title: str | None = None) -> int:
    """Stream `rows` into `out` as a 整改台账 workbook; return the number of rows written."""
    counted = _Counted(rows)
    for chunk in iter_ledger_xlsx(counted, title):
        out.write(chunk)
    return counted.count


class _Counted:
    def __init__(self, rows: Iterable[LedgerRow]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[LedgerRow]:
        for row in self.rows:
            self.count += 1
            yield row


def _merge(sheet: SheetWriter, columns: list[int], first: int, last: int) -> None:
    if last > first:
        for col in columns:
            sheet.merge(first, last, col, col)


def iter_ledger_csv(rows: Iterable[LedgerRow]) -> Iterator[bytes]:
    """`rows` as CSV in UTF-8 with BOM (what Excel on Chinese Windows needs), chunk by chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow([header for header, _, _ in COLUMNS])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for number, _, row in numbered(rows):
        writer.writerow([_csv_value(v) for v in cell_values(row, number)])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_ledger_csv(rows: Iterable[LedgerRow], out: BinaryIO | IO[bytes]) -> int:
    """Write `rows` as CSV in UTF-8 with BOM; return the number of rows written."""
    counted = _Counted(rows)
    for chunk in iter_ledger_csv(counted):
        out.write(chunk)
    return counted.count


def _csv_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Excel runs a cell that begins with = + - @ as a formula; a leading apostrophe keeps it text.
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
