"""Write ledger rows as a 整改台账 .xlsx (streamed, flat memory) or as CSV that Excel opens."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any, BinaryIO

from zhenggai.documents.ledger_xlsx.layout import row_height
from zhenggai.documents.ledger_xlsx.rows import KEY_HEADER, LedgerRow
from zhenggai.documents.ledger_xlsx.stream import (
    CENTRE,
    CENTRE_OPEN,
    CONTINUED,
    CONTINUED_LAST,
    HEADER,
    TITLE,
    WRAP,
    WRAP_OPEN,
    ByteSink,
    SheetWriter,
)
from zhenggai.documents.measure_labels import STATUS_LABELS, TERM_LABELS

#: The columns written, in order: (header, field, width in characters). The first ten are the layout
#: offices use; 查摆方面, 问题类别 and 整改类型 are what a round trip needs besides; 完成日期 (of a done
#: measure), 暂缓原因 and 复查日期 (of one 暂不具备整改条件) carry what its status needs, and 推进组 (a
#: problem's work group in a campaign, 专项整改) comes last.
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
    ("完成日期", "completed_on", 12),
    ("暂缓原因", "blocked_reason", 16),
    ("复查日期", "review_date", 12),
    ("佐证材料", "evidence", 24),
    ("推进组", "workgroup", 12),
    (KEY_HEADER, "key", 0),
)
#: Columns that belong to the problem: written on its first row, drawn as one cell over its measures' rows.
PROBLEM_COLUMNS = ("number", "source", "aspect", "category", "workgroup", "problem")
DEFAULT_TITLE = "整改台账"
SHEET_NAME = "整改台账"
#: Streaming hands out the file in pieces of about this size.
CHUNK_BYTES = 256 * 1024

#: The footer of every printed page: "第 1 页 共 3 页" (&P the page, &N the pages, &C centred).
FOOTER = "&C第 &P 页 共 &N 页"
TITLE_POINTS = 36.0

_CENTRED = ("number", "owner", "term", "deadline", "status", "completed_on", "review_date")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDTHS = [width for _, _, width in COLUMNS]
_SHOWN = [name not in PROBLEM_COLUMNS for _, name, _ in COLUMNS]  # on every row of a problem


def _block_styles(first: bool, last: bool) -> list[int]:
    """The styles of a row of a problem's block: the problem's cells open below unless `last`, above unless `first`."""
    styles = []
    for _, name, _ in COLUMNS:
        style = CENTRE if name in _CENTRED else WRAP
        if name in PROBLEM_COLUMNS and not (first and last):
            if first:
                style = CENTRE_OPEN if style == CENTRE else WRAP_OPEN
            else:
                style = CONTINUED_LAST if last else CONTINUED
        styles.append(style)
    return styles


_BLOCK_STYLES = {
    (first, last): _block_styles(first, last) for first in (True, False) for last in (True, False)
}


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
    """The 整改台账 workbook of `rows`, as chunks of bytes while it is being written (for streaming).

    It prints as offices print a 台账: A4 landscape, one page wide, the title and header on every
    page, page numbers in the footer, each row as tall as its wrapped text.
    """
    sink = ByteSink()
    headers = [header for header, _, _ in COLUMNS]
    with SheetWriter(sink, SHEET_NAME, _WIDTHS, frozen_rows=2, footer=FOOTER) as sheet:
        sheet.append([title or DEFAULT_TITLE], [TITLE], height=TITLE_POINTS)
        sheet.merge(1, 1, 1, sum(1 for width in _WIDTHS if width))  # over the columns shown
        sheet.append(headers, [HEADER] * len(COLUMNS), height=max(row_height(headers, _WIDTHS), 30))
        problem = _ProblemRows(sheet)
        for number, starts, row in numbered(rows):
            problem.add(cell_values(row, number), starts)
            if sink.size >= CHUNK_BYTES:
                yield sink.take()
        problem.finish()
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


class _ProblemRows:
    """A problem's rows drawn as one block: its cells written on its first row, no lines inside the block.

    Offices merge a problem's cells down over its measures, but a merged cell split by a page break
    prints badly (LibreOffice draws its text again over the next page's header; Excel cuts it), so
    the block only looks merged and every row can start a page. A row waits here until the next one
    tells whether the block goes on: whether it gets a line below.
    """

    def __init__(self, sheet: SheetWriter) -> None:
        self.sheet = sheet
        self.held: tuple[list[Any], bool] | None = None

    def add(self, values: list[Any], starts: bool) -> None:
        """Take the next row; `starts` when it is the first row of a problem."""
        if self.held is not None:
            self._write(*self.held, last=starts)
        self.held = values, starts

    def finish(self) -> None:
        """Write the row still held: the last of its problem."""
        if self.held is not None:
            self._write(*self.held, last=True)
            self.held = None

    def _write(self, values: list[Any], first: bool, last: bool) -> None:
        if not first:
            values = [v if shown else None for v, shown in zip(values, _SHOWN, strict=True)]
        self.sheet.append(values, _BLOCK_STYLES[first, last], height=row_height(values, _WIDTHS))


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
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Excel runs a cell that begins with = + - @ as a formula; a leading apostrophe keeps it text.
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
