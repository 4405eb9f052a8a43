"""Writing the ledger to .xlsx and CSV, and reading an export back to the same rows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhenggai.documents.ledger_xlsx import (
    COLUMNS,
    STATUS_LABELS,
    TERM_LABELS,
    LedgerRow,
    read_ledger_xlsx,
    write_ledger_csv,
    write_ledger_xlsx,
)

ROWS = [
    LedgerRow(
        problem="理论学习不够深入",
        measure="每月集中学习一次",
        source="2021年度民主生活会",
        aspect="政治建设方面",
        category="学习",
        owner="张三",
        unit="办公室",
        deadline=dt.date(2022, 3, 31),
        term="deadline",
        progress="已制定学习计划",
        status="done",
        evidence="学习计划.pdf\n签到表.jpg",
        problem_ref=7,
    ),
    LedgerRow(
        problem="理论学习不够深入",
        measure='=撰写心得体会, "每人一篇"',
        source="2021年度民主生活会",
        aspect="政治建设方面",
        category="学习",
        owner="李四",
        unit="组织部",
        term="ongoing",
        status="in_progress",
        problem_ref=7,
    ),
    LedgerRow(
        problem="调查研究不够",
        measure="开展蹲点调研",
        source="2021年度民主生活会",
        aspect="作风建设方面",
        term="immediate",
        status="blocked",
        progress="等待上级批复",
        problem_ref=9,
    ),
]


def export(rows, title=None) -> bytes:
    out = io.BytesIO()
    write_ledger_xlsx(rows, out, title)
    return out.getvalue()


def test_export_then_import_gives_the_same_rows():
    sheet = read_ledger_xlsx(export(ROWS), "导出.xlsx")
    assert sheet.ok, sheet.errors
    assert len(sheet.rows) == 3
    assert all(a.same_content(b) for a, b in zip(ROWS, sheet.rows, strict=True))
    assert [r.problem_ref for r in sheet.rows] == [1, 1, 2]
    assert [r.number for r in sheet.rows] == ["1", "1", "2"]


def test_the_xlsx_has_the_ledger_layout():
    wb = openpyxl.load_workbook(io.BytesIO(export(ROWS, "XX局整改台账")))
    ws = wb.active
    assert ws.title == "整改台账"
    assert ws["A1"].value == "XX局整改台账"
    assert [c.value for c in ws[2]] == [header for header, _, _ in COLUMNS]
    # the title is merged; a problem's cells are written once and drawn as one block over its
    # measures' rows (no line inside it) without a merge, which a page break would print badly
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:Q1"}  # every printed column (the key is hidden)
    assert (ws["A3"].value, ws["E3"].value, ws["A4"].value, ws["E4"].value) == (
        1,
        "理论学习不够深入",
        None,
        None,
    )
    assert (ws["E3"].border.bottom.style, ws["E4"].border.top.style, ws["E4"].border.bottom.style) == (
        None,
        None,
        "thin",
    )
    assert ws["F3"].border.bottom.style == "thin"  # a measure's own cells keep every line
    # The last column holds each row's key for a re-import; it is hidden, and the title spans the rest.
    assert ws["Q2"].value == "推进组"
    assert ws["R2"].value == "系统编号（请勿修改）"
    assert ws.column_dimensions["R"].hidden
    deadline = ws.cell(row=3, column=10)
    assert deadline.value == dt.datetime(2022, 3, 31)
    assert deadline.is_date and "年" in deadline.number_format
    assert ws.cell(row=3, column=6).alignment.wrap_text
    assert ws.column_dimensions["E"].width == 40
    assert ws.freeze_panes == "A3"
    # a measure beginning with "=" stays text, never a formula
    assert ws.cell(row=4, column=6).value == '=撰写心得体会, "每人一篇"'
    assert ws.cell(row=4, column=6).data_type == "s"


def test_an_empty_ledger_still_has_title_and_header():
    sheet = read_ledger_xlsx(export([]), "空.xlsx")
    assert sheet.ok and sheet.rows == []


def test_csv_is_utf8_with_bom_and_excel_quoting():
    out = io.BytesIO()
    assert write_ledger_csv(ROWS, out) == 3
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [header for header, _, _ in COLUMNS]
    assert rows[1][9] == "2022-03-31"
    assert rows[1][15] == "学习计划.pdf\n签到表.jpg"  # a newline inside a quoted field
    assert rows[2][5] == '\'=撰写心得体会, "每人一篇"'  # formula guard, comma and quotes survive
    assert rows[2][8:12] == ["长期坚持", "长期坚持", "", "正在推进"]
    assert '"学习计划.pdf\n签到表.jpg"' in data.decode("utf-8-sig")


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30).map(
    str.strip
)
name = st.text(alphabet="张李王赵办公室组织部宣传科一二三", min_size=1, max_size=6)


@st.composite
def ledgers(draw):
    rows = []
    for ref in range(1, draw(st.integers(1, 6)) + 1):
        problem = draw(text.filter(bool))
        source, aspect, category = draw(text), draw(text), draw(text)
        for _ in range(draw(st.integers(1, 3))):
            term = draw(st.sampled_from(sorted(TERM_LABELS)))
            deadline = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
            if deadline is None and term == "deadline":
                term = "ongoing"
            rows.append(
                LedgerRow(
                    problem=problem,
                    measure=draw(text.filter(bool)),
                    source=source,
                    aspect=aspect,
                    category=category,
                    owner=draw(name),
                    unit=draw(name),
                    deadline=deadline,
                    term=term,
                    progress=draw(text),
                    status=draw(st.sampled_from(sorted(STATUS_LABELS))),
                    evidence=draw(st.sampled_from(["", "a.pdf", "图片.jpg\n纪要.docx"])),
                    problem_ref=ref,
                )
            )
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_any_ledger_survives_a_round_trip(rows):
    sheet = read_ledger_xlsx(export(rows), "往返.xlsx")
    assert sheet.ok, [str(e) for e in sheet.errors]
    assert len(sheet.rows) == len(rows)
    for written, read in zip(rows, sheet.rows, strict=True):
        assert written.same_content(read), (written, read)
    assert [r.problem_ref for r in sheet.rows] == [r.problem_ref for r in rows]


def test_two_problems_that_read_alike_stay_two():
    """In our export the same text on consecutive rows continues a problem only under the same 序号.

    (A sheet without the key column numbers rows as offices do: test_ledger_xlsx_read keeps that.)
    """

    def row(ref: int) -> LedgerRow:
        return LedgerRow(problem="学习不够深入", measure=f"措施{ref}", status="not_started", problem_ref=ref)

    sheet = read_ledger_xlsx(export([row(1), row(1), row(2)]), "往返.xlsx")
    assert [r.problem_ref for r in sheet.rows] == [1, 1, 2]
    assert [r.number for r in sheet.rows] == ["1", "1", "2"]
