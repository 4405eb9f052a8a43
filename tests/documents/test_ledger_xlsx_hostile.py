"""Hostile and broken files given to the ledger reader: refused with a message, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.documents.ledger_builders import ledger_xlsx
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx


def replace_part(data: bytes, part: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == part else source.read(info.filename))
    return out.getvalue()


def sample() -> bytes:
    return ledger_xlsx([[1, "巡察", "问题", "措施", "张三", "办公室", "2022年3月", "", "正在推进", ""]])


def test_a_doctype_in_a_sheet_is_refused():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    )
    data = replace_part(sample(), "xl/worksheets/sheet1.xml", evil)
    with pytest.raises(DocumentError, match="DOCTYPE"):
        read_ledger_xlsx(data, "evil.xlsx")


def test_an_external_entity_in_styles_is_refused():
    evil = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><styleSheet>&x;</styleSheet>'
    with pytest.raises(DocumentError, match="DOCTYPE"):
        read_ledger_xlsx(replace_part(sample(), "xl/styles.xml", evil), "evil.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    with pytest.raises(DocumentError, match=r"压缩|过大"):
        read_ledger_xlsx(out.getvalue(), "bomb.xlsx")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.xlsx", "空文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "另存为"),
        ("序号,问题\n1,a\n".encode(), "ledger.csv", "不是 .xlsx"),
        (b"PK\x03\x04garbage", "broken.xlsx", "损坏"),
        (b"just text", "notes.xlsx", "不是 .xlsx"),
    ],
)
def test_files_that_are_not_xlsx_are_refused_with_advice(data, name, message):
    with pytest.raises(DocumentError, match=message):
        read_ledger_xlsx(data, name)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(DocumentError, match="不是 Excel 工作簿"):
        read_ledger_xlsx(out.getvalue(), "report.xlsx")


def test_a_damaged_sheet_is_refused_not_crashed():
    data = replace_part(sample(), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c r='A1'")
    with pytest.raises(DocumentError, match="损坏"):
        read_ledger_xlsx(data, "broken.xlsx")
