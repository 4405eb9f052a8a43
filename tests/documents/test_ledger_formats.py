"""One ledger in .xlsx, .xls and .ods reads alike; hostile .xls/.ods/.xlsx are refused before calamine.

The fixtures are written by `tests/documents/fixtures/ledger/make.py` (openpyxl, then LibreOffice).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import ods_sheets, read_ledger_xlsx

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_the_xlsx_fixture_reads_as_the_import_understands_it():
    sheet = read_ledger_xlsx(fixture("台账.xlsx"), "台账.xlsx")
    assert sheet.ok and not sheet.warnings, [str(i) for i in sheet.errors + sheet.warnings]
    assert (sheet.sheet, sheet.title, sheet.header_row) == ("整改台账", "2022年度XX局巡察反馈问题整改台账", 2)
    assert [
        (r.row, r.problem_ref, r.aspect, r.problem, r.deadline, r.term, r.status, r.key) for r in sheet.rows
    ] == [
        (4, 1, "政治建设方面", "理论学习不够深入", dt.date(2022, 3, 31), "deadline", "done", "101"),
        (5, 1, "政治建设方面", "理论学习不够深入", dt.date(2022, 6, 30), "deadline", "in_progress", "102"),
        (6, 1, "政治建设方面", "理论学习不够深入", None, "ongoing", "in_progress", "103"),
        (7, 2, "政治建设方面", "调查研究不够", dt.date(2022, 6, 30), "deadline", "not_started", "104"),
        (8, 2, "政治建设方面", "调查研究不够", dt.date(2022, 9, 30), "deadline", "in_progress", "105"),
        (10, 3, "作风建设方面", "会议偏多", dt.date(2022, 3, 31), "immediate", "done", "106"),
        (11, 3, "作风建设方面", "会议偏多", dt.date(2022, 4, 30), "deadline", "not_started", "107"),
        (12, 4, "作风建设方面", "会议偏多", dt.date(2022, 9, 30), "deadline", "in_progress", "108"),
        (13, 4, "作风建设方面", "会议偏多", dt.date(2022, 12, 31), "deadline", "in_progress", "109"),
    ]


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_the_same_ledger_saved_by_libreoffice_as_xls_or_ods_gives_the_same_rows(suffix):
    expected = read_ledger_xlsx(fixture("台账.xlsx"), "台账.xlsx")
    sheet = read_ledger_xlsx(fixture(f"台账.{suffix}"), f"台账.{suffix}")
    assert sheet.rows == expected.rows
    assert (sheet.sheet, sheet.title, sheet.header_row, sheet.columns) == (
        expected.sheet,
        expected.title,
        expected.header_row,
        expected.columns,
    )
    assert (sheet.errors, sheet.warnings) == (expected.errors, expected.warnings)


def test_the_merges_of_an_ods_are_read_from_its_content():
    content = zipfile.ZipFile(io.BytesIO(fixture("台账.ods"))).read("content.xml")
    first, notes = ods_sheets(content, "台账.ods")
    assert (first.name, notes.name) == ("整改台账", "说明")
    assert {(1, 1, 1, 11), (3, 1, 3, 11), (4, 3, 6, 3), (12, 1, 13, 1)} <= set(first.merges)
    assert (first.rows, first.cols, notes.merges) == (13, 11, [])


def test_a_sheet_that_starts_away_from_a1_keeps_its_row_and_column_numbers():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"] = "整改台账"
    for col, header in enumerate(["问题描述", "整改措施", "责任单位", "整改时限", "完成情况"], 3):
        ws.cell(5, col, header)
    for col, value in enumerate(["问题", "措施", "办公室", "2022年2月30日", "正在推进"], 3):
        ws.cell(6, col, value)
    out = io.BytesIO()
    wb.save(out)
    sheet = read_ledger_xlsx(out.getvalue(), "偏移.xlsx")
    assert sheet.header_row == 5
    assert [(c.column, c.field) for c in sheet.columns][:2] == [(3, "problem"), (4, "measure")]
    assert [str(e) for e in sheet.errors] == ["第6行“整改时限”列：日期“2022年2月30日”不存在。"]


def refused(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as caught:
        read_ledger_xlsx(data, name)
    assert "Traceback" not in str(caught.value)


def test_an_xls_whose_two_cells_span_sixteen_million_is_refused_before_it_is_opened():
    # calamine would hold IV65536 cells, about a gigabyte, for this 5 KB file.
    refused(fixture("span.xls"), "span.xls", "表格范围过大（内容延伸到第 65536 行、第 256 列）")


def test_an_xlsx_with_a_cell_in_xfd1048576_is_refused_before_calamine_aborts_on_it():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "序号"
    wb.active["XFD1048576"] = "x"
    out = io.BytesIO()
    wb.save(out)
    refused(out.getvalue(), "huge.xlsx", "表格范围过大（内容延伸到第 1048576 行、第 16384 列）")


def ods(content: str, mimetype: bytes = b"application/vnd.oasis.opendocument.spreadsheet") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", mimetype)
        z.writestr("content.xml", content)
    return out.getvalue()


_ODS_HEAD = (
    '<?xml version="1.0"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    "<office:body><office:spreadsheet>"
)
_ODS_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def test_an_ods_whose_repeated_cell_asks_for_billions_of_cells_is_refused():
    cell = '<table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
    row = f'<table:table-row table:number-rows-repeated="1048576">{cell}</table:table-row>'
    data = ods(f'{_ODS_HEAD}<table:table table:name="台账">{row}</table:table>{_ODS_TAIL}')
    refused(data, "repeat.ods", "表格范围过大")


def test_an_ods_with_a_doctype_is_refused():
    evil = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + _ODS_HEAD[len('<?xml version="1.0"?>') :]
    )
    refused(ods(evil + _ODS_TAIL), "evil.ods", "DOCTYPE")


def test_an_ods_zip_bomb_is_refused_before_it_is_unpacked():
    data = ods(_ODS_HEAD + " " * (60 * 1024 * 1024) + _ODS_TAIL)
    refused(data, "bomb.ods", r"压缩|过大")


def test_an_odt_renamed_to_ods_is_refused():
    refused(
        ods(_ODS_HEAD + _ODS_TAIL, b"application/vnd.oasis.opendocument.text"),
        "report.ods",
        "不是 Excel 工作簿",
    )


def test_a_truncated_xls_is_refused_with_advice():
    refused(fixture("台账.xls")[:3000], "台账.xls", "另存为")


def test_an_xls_with_a_password_is_refused_saying_so():
    data = fixture("台账.xls")
    codepage = b"\x42\x00\x02\x00"  # the CODEPAGE record, turned into FILEPASS (the file is encrypted)
    assert codepage in data
    refused(data.replace(codepage, b"\x2f\x00\x02\x00", 1), "密码.xls", "已加密")
