"""Check an uploaded .xlsx package (zip bombs, DOCTYPE, wrong file type) before openpyxl sees it."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import PurePath
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import SafeZip, advice, open_zip, parse_xml

#: Files larger than this are refused before anything is unpacked.
MAX_LEDGER_BYTES = 50 * 1024 * 1024
#: Everything openpyxl raises on a damaged workbook.
READ_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    IndexError,
    AttributeError,
    SyntaxError,
    etree.LxmlError,
)

_MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def check_xlsx(data: bytes, name: str) -> SafeZip:
    """Refuse anything but a sound .xlsx: raise DocumentError with a message saying what to do."""
    if len(data) > MAX_LEDGER_BYTES:
        size = len(data) / 1048576
        raise DocumentError(f"文件“{name}”过大（{size:.1f} MB），上限为 {MAX_LEDGER_BYTES // 1048576} MB。")
    if not data:
        raise DocumentError(f"“{name}”是空文件（0 字节），请检查后重新上传。")
    if data.startswith(_MAGIC_OLE):
        raise DocumentError(
            f"“{name}”是旧版 Excel 格式（.xls）或已加密，请在 Excel 或 WPS 中取消密码并“另存为” .xlsx 后再导入。"
        )
    if PurePath(name).suffix.lower() == ".csv" or not data.startswith(b"PK"):
        raise DocumentError(f"“{name}”不是 .xlsx 文件。{advice(name)}。")
    package = open_zip(data, name)
    if not package.has("xl/workbook.xml"):
        raise DocumentError(f"“{name}”不是 Excel 工作簿（缺少工作簿部分）。{advice(name)}。")
    for member in package.names():
        if member.lower().endswith(_XML_SUFFIXES):
            part = package.read(member)
            if b"<!" in part or b"<\x00!" in part or b"\x00<\x00!" in part:
                parse_xml(part, name)  # refuses DOCTYPE and entity declarations
    return package


def damaged(name: str) -> DocumentError:
    """The error for a workbook openpyxl could not read."""
    return DocumentError(f"“{name}”内容已损坏，无法读取。{advice(name)}。")


def load_workbook(data: bytes, name: str) -> tuple[Any, SafeZip]:
    """Check `data`, open it with openpyxl read-only (values, not formulas); DocumentError if unreadable.

    Read-only mode is many times faster than a full load but forgets merged cells: read those with
    `merged_ranges()` from the package returned beside the workbook.
    """
    package = check_xlsx(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles, …
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except READ_ERRORS:
        raise damaged(name) from None
    return workbook, package


def merged_ranges(package: SafeZip, ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of every merged range of a read-only worksheet."""
    path = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
    if not package.has(path):
        return []
    ranges: list[tuple[int, int, int, int]] = []
    for _, element in etree.iterparse(io.BytesIO(package.read(path)), tag=_MERGE_TAG, resolve_entities=False):
        ref = str(element.get("ref", ""))
        element.clear()
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if min_row and min_col and max_row and max_col:
            ranges.append((min_row, min_col, max_row, max_col))
    return ranges
