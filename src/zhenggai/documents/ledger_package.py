"""Check an uploaded .xlsx package (zip bombs, DOCTYPE, wrong file type) before openpyxl sees it."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import PurePath
from typing import Any

import openpyxl  # type: ignore[import-untyped]

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import advice, open_zip, parse_xml

#: Files larger than this are refused before anything is unpacked.
MAX_LEDGER_BYTES = 50 * 1024 * 1024

_MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_xlsx(data: bytes, name: str) -> None:
    """Refuse anything but a sound .xlsx: raise DocumentError with a message saying what to do."""
    if len(data) > MAX_LEDGER_BYTES:
        raise DocumentError(
            f"文件“{name}”过大（{len(data) / 1048576:.1f} MB），上限为 {MAX_LEDGER_BYTES // 1048576} MB。"
        )
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


def load_workbook(data: bytes, name: str) -> Any:
    """Check `data`, then open it with openpyxl (values, not formulas); raise DocumentError if unreadable."""
    check_xlsx(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles, …
            return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except DocumentError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        IndexError,
        AttributeError,
        SyntaxError,
    ):
        raise DocumentError(f"“{name}”内容已损坏，无法读取。{advice(name)}。") from None
