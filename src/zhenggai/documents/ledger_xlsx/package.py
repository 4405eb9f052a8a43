"""Check an uploaded workbook (.xlsx, .xls, .ods) before the native reader sees it.

What is refused here, in Chinese, before python-calamine opens anything: files over 50 MB, empty
files, anything that is not one of the three formats, zip bombs and parts that inflate past their
caps, XML with a DOCTYPE or entities, encrypted workbooks, and sheets whose cells span more than
`MAX_SHEET_ROWS` rows or `MAX_SHEET_CELLS` cells. The last matters because calamine holds each
sheet as one dense block from its first cell to its last: two cells, A1 and XFD1048576, would ask
for 17 billion cells and abort the process. The span is measured from the sheet's XML (.xlsx), its
table rows (.ods, `ods.py`) or its BIFF cell records (.xls, `xls.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx.limits import MAX_LEDGER_BYTES, refuse_span
from zhenggai.documents.ledger_xlsx.ods import ODS_MIMETYPE, OdsSheet, active_table, ods_sheets
from zhenggai.documents.ledger_xlsx.xls import check_xls
from zhenggai.documents.safety import SafeZip, advice, open_zip, parse_xml

MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# A row's number and a cell's column as SpreadsheetML writes them, with or without a prefix (x:c).
_ROW_REF = re.compile(rb"<(?:[\w.-]+:)?row\b[^>]*?\sr=[\"'](\d+)")
_CELL_COL = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br=[\"']([A-Z]{1,4})\d")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_FAST_ROW = re.compile(rb'<row r="(\d+)"')
_FAST_COL = re.compile(rb'<c r="([A-Z]{1,4})\d')
_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row)[\s>/]")
_ACTIVE_TAB = re.compile(rb"<(?:[\w.-]+:)?workbookView\b[^>]*?\bactiveTab=[\"'](\d+)")


@dataclass
class Checked:
    """A workbook that passed the checks: its format, the sheet to try first, ODS merges by sheet."""

    kind: str  # "xlsx", "xls" or "ods"
    active: int = 0
    ods: list[OdsSheet] = field(default_factory=list)


def check_workbook(data: bytes, name: str) -> Checked:
    """Refuse anything but a sound .xlsx, .xls or .ods: DocumentError with a message saying what to do."""
    if len(data) > MAX_LEDGER_BYTES:
        size = len(data) / 1048576
        raise DocumentError(f"文件“{name}”过大（{size:.1f} MB），上限为 {MAX_LEDGER_BYTES // 1048576} MB。")
    if not data:
        raise DocumentError(f"“{name}”是空文件（0 字节），请检查后重新上传。")
    if data.startswith(MAGIC_OLE):
        return Checked("xls", check_xls(data, name))
    if PurePath(name).suffix.lower() == ".csv" or not data.startswith(b"PK"):
        raise DocumentError(f"“{name}”不是 .xlsx 文件（也不是 .xls 或 .ods 表格）。{advice(name)}。")
    package = open_zip(data, name)
    if package.has("xl/workbook.xml"):
        return Checked("xlsx", _check_xlsx(package, name))
    mimetype = package.read("mimetype", 200).strip() if package.has("mimetype") else ODS_MIMETYPE
    if package.has("content.xml") and mimetype == ODS_MIMETYPE:
        parts = _checked_parts(package, name)
        sheets = ods_sheets(parts["content.xml"], name)
        for sheet in sheets:
            refuse_span(name, sheet.rows, sheet.cols)
        return Checked("ods", active_table(parts.get("settings.xml", b""), sheets), sheets)
    raise DocumentError(f"“{name}”不是 Excel 工作簿（缺少工作簿部分）。{advice(name)}。")


def _checked_parts(package: SafeZip, name: str) -> dict[str, bytes]:
    """Every part read under the package's caps (the native reader then inflates nothing unchecked);
    the XML ones with a markup declaration parsed, which refuses DOCTYPE and entities."""
    parts: dict[str, bytes] = {}
    for member in package.names():
        if member.endswith("/"):
            continue
        part = package.read(member)
        if member.lower().endswith(_XML_SUFFIXES):
            if b"<!" in part or b"<\x00!" in part or b"\x00<\x00!" in part:
                parse_xml(part, name)
            parts[member] = part
    return parts


def _check_xlsx(package: SafeZip, name: str) -> int:
    """Check an .xlsx package and the span of each sheet in it; the index of its active sheet."""
    parts = _checked_parts(package, name)
    for part in parts.values():
        if b"sheetData" in part:
            refuse_span(name, *_xlsx_span(part))
    found = _ACTIVE_TAB.search(parts.get("xl/workbook.xml", b""))
    return int(found.group(1)) if found else 0


def _xlsx_span(xml: bytes) -> tuple[int, int]:
    """(last row, last column) any cell of a worksheet part may fill, counted from A1.

    Rows and columns come from the `r` references. What Excel, WPS, LibreOffice and this app write
    (`<row r="7"`, `<c r="B7"`, no prefix) is read by one quick pattern each; any other form (a
    prefix such as `x:c`, `r` after other attributes, a cell without `r`, which takes the next
    column) goes the careful way, where a row's width is bounded by how many cells it holds.
    """
    rows, columns = _FAST_ROW.findall(xml), _FAST_COL.findall(xml)
    plain = len(rows) == xml.count(b"<row ") + xml.count(b"<row>") and len(columns) == xml.count(
        b"<c "
    ) + xml.count(b"<c>")
    if not plain or _PREFIXED.search(xml):
        rows, columns = _ROW_REF.findall(xml), _CELL_COL.findall(xml)
    last_row = max((int(r) for r in set(rows)), default=0)
    last_col = max((_column_number(c) for c in set(columns)), default=0)
    if not plain and len(_CELL_TAG.findall(xml)) > len(columns):
        last_col = max(last_col, max((len(_CELL_TAG.findall(r)) for r in _ROW_TAG.split(xml)), default=0))
        last_row = max(last_row, len(_ROW_TAG.findall(xml)))
    return last_row, last_col


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number
