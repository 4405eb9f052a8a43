"""What the native reader does not tell about an OpenDocument spreadsheet (.ods): merges and span.

python-calamine reports merged cells only for .xlsx and .xls, and a repeated cell
(`table:number-columns-repeated`, `table:number-rows-repeated`) can ask it for millions of cells
from a few bytes. One pass over content.xml, element by element, gives for each sheet the merged
ranges (`table:number-rows-spanned` / `table:number-columns-spanned`) and the last row and column
that hold anything, so that such a file is refused before calamine builds the sheet.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from lxml import etree

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import advice, refuse_doctype

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_T}table-cell", f"{_T}covered-table-cell")
_ACTIVE = re.compile(rb'config:name="ActiveTable"[^>]*>([^<]*)<')

#: (first row, first column, last row, last column), 1-based and inclusive.
Range = tuple[int, int, int, int]


@dataclass
class OdsSheet:
    """One sheet (table) of an .ods: its name, merged ranges, and last row and column with content."""

    name: str
    merges: list[Range] = field(default_factory=list)
    rows: int = 0
    cols: int = 0


def ods_sheets(content: bytes, name: str) -> list[OdsSheet]:
    """The top-level sheets of content.xml in order; DocumentError if the XML is damaged or hostile."""
    refuse_doctype(content, name)
    sheets: list[OdsSheet] = []
    depth = 0  # tables inside tables (a cell's sub-table) are not sheets
    row = 0
    events = etree.iterparse(
        io.BytesIO(content),
        events=("start", "end"),
        tag=(f"{_T}table", f"{_T}table-row"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        for event, element in events:
            if element.tag == f"{_T}table":
                depth += 1 if event == "start" else -1
                if event == "start" and depth == 1:
                    sheets.append(OdsSheet(str(element.get(f"{_T}name", ""))))
                    row = 0
            elif event == "end" and depth == 1 and sheets:
                row = _row(element, row, sheets[-1])
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except (etree.LxmlError, ValueError):
        raise DocumentError(f"“{name}”内容已损坏（XML 格式错误），无法读取。{advice(name)}。") from None
    return sheets


def _row(element: etree._Element, row: int, sheet: OdsSheet) -> int:
    """Take one table row (which may stand for several) into `sheet`; the number of the last row."""
    repeat = _count(element.get(f"{_T}number-rows-repeated"))
    first = row + 1
    col = 0
    for cell in element:
        if cell.tag not in _CELLS:
            continue
        columns = _count(cell.get(f"{_T}number-columns-repeated"))
        spans = (
            _count(cell.get(f"{_T}number-rows-spanned")),
            _count(cell.get(f"{_T}number-columns-spanned")),
        )
        if spans != (1, 1):
            sheet.merges.append((first, col + 1, first + spans[0] - 1, col + spans[1]))
        col += columns
        if cell.get(f"{_OFFICE}value-type") is not None or len(cell):
            sheet.cols = max(sheet.cols, col)
            sheet.rows = max(sheet.rows, row + repeat)
    return row + repeat


def _count(value: str | None) -> int:
    """A repeat or span attribute: a positive whole number, 1 when absent or nonsense."""
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def active_table(settings: bytes, sheets: list[OdsSheet]) -> int:
    """The index of the sheet LibreOffice shows when the file opens (settings.xml), else 0."""
    found = _ACTIVE.search(settings)
    if found:
        wanted = found.group(1).decode("utf-8", "replace")
        for index, sheet in enumerate(sheets):
            if sheet.name == wanted:
                return index
    return 0
