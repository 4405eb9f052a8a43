"""A checked workbook (.xlsx, .xls, .ods) opened with python-calamine: its sheets as rows and merges.

calamine (Rust) reads each format natively, many times faster than openpyxl; it gives cached
values, never formulas (as openpyxl's data_only did), dates as `datetime.date`/`datetime`
when the cell is formatted as a date, numbers as floats (ints from .xls), and empty cells as "".
Its rows start at the sheet's first column with content; `BookSheet.rows` puts them back in place
so that column numbers are the sheet's own. Merged ranges come from calamine for .xlsx and .xls
and from `ods.py` for .ods.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import python_calamine

from zhenggai.documents.ledger_xlsx.limits import damaged, encrypted
from zhenggai.documents.ledger_xlsx.package import Checked, check_workbook

#: (first row, first column, last row, last column), 1-based and inclusive.
Range = tuple[int, int, int, int]
#: What calamine raises on a workbook it cannot read (beyond its own CalamineError).
READ_ERRORS = (python_calamine.CalamineError, ValueError, TypeError, OSError, IndexError, KeyError)


@dataclass
class BookSheet:
    """One worksheet: its name, merged ranges and rows (as tuples, columns in place, "" when empty)."""

    name: str
    merges: list[Range]
    _sheet: Any

    def rows(self, first: int = 1, last: int | None = None) -> Iterator[tuple[Any, ...]]:
        """Rows `first`..`last` (1-based, inclusive; to the end when `last` is None)."""
        start = self._sheet.start
        pad = ("",) * start[1] if start else ()
        # calamine's rows are the sheet's from row 1 but start at its first column with content.
        for values in islice(self._sheet.iter_rows(), first - 1, last):
            yield (*pad, *values) if pad else tuple(values)


class Book:
    """A workbook open for reading; use `with` (or call `close()`)."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.checked: Checked = check_workbook(data, name)
        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except python_calamine.PasswordError:
            raise encrypted(name) from None
        except READ_ERRORS:
            raise damaged(name) from None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of calamine's copy of the file."""
        self._book.close()

    def sheets(self) -> Iterator[BookSheet]:
        """The worksheets, the one the file opens on first, then the others in order (charts left out)."""
        metadata = self._book.sheets_metadata
        order = list(range(len(metadata)))
        active = self.checked.active if self.checked.active < len(order) else 0
        order.insert(0, order.pop(active))
        for index in order:
            if metadata[index].typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = self._book.get_sheet_by_index(index)
            yield BookSheet(str(metadata[index].name), self._merges(index, sheet), sheet)

    def _merges(self, index: int, sheet: Any) -> list[Range]:
        if self.checked.kind == "ods":
            ods = self.checked.ods
            return ods[index].merges if index < len(ods) else []
        ranges = sheet.merged_cell_ranges or []
        return [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges]


def first_sheet_rows(data: bytes, name: str) -> list[tuple[Any, ...]]:
    """The rows of the sheet a workbook opens on (.xlsx, .xls or .ods), checked as a ledger file is
    (size, span, zip bombs, entities); DocumentError when it is refused or unreadable. For other
    sheets offices keep in the same way (an attendance sheet).
    """
    with Book(data, name) as book:
        try:
            sheet = next(book.sheets(), None)
            return list(sheet.rows()) if sheet is not None else []
        except READ_ERRORS:
            raise damaged(name) from None
