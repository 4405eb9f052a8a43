"""The exported 整改台账 prints ready to read: LibreOffice renders it to PDF and the page positions are checked.

One page wide on A4 landscape, as many pages long as the rows need, the title on page 1, the title
and header on every page, "第 n 页 共 N 页" in the footer, and every cell's text inside its own row.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools

import openpyxl
import pytest

from tests.documents.printed import PrintedPage, read_pages, render_pdf
from zhenggai.documents.ledger_xlsx import COLUMNS, LedgerRow, text_lines, text_units, write_ledger_xlsx

TITLE = "XX局2021年度民主生活会整改台账"
PROBLEMS = [
    "理论学习不够深入系统，学用结合还不够到位",
    "落实全面从严治党主体责任不够到位，压力传导层层递减",
    "调查研究不够深入，解决群众急难愁盼问题办法不多",
    "形式主义官僚主义问题仍有发生，文山会海现象有所反弹",
]
MEASURES = [
    "制定个人学习计划，每月研读原著不少于两篇",
    "修订议事规则，严格执行“三重一大”集体决策制度",
    "开展蹲点调研，形成调研报告并推动成果转化",
]
#: A4 landscape in points, and the margins the export sets (inches × 72).
A4_WIDE, SIDE_MARGIN, BOTTOM_MARGIN = 841.9, 0.4 * 72, 0.6 * 72
#: The columns printed: the key column (width 0) is hidden and never printed.
PRINTED = [column for column in COLUMNS if column[2]]
MEASURE_COLUMN = [name for _, name, _ in PRINTED].index("measure")


def ledger() -> list[LedgerRow]:
    """Twenty problems of one to four measures: short and long text, several progress notes, files."""
    rows = []
    for p in range(20):
        problem = "".join(PROBLEMS[(p + k) % 4] for k in range(1 + p % 5))  # one to five sentences
        for m in range(1 + p % 4):
            rows.append(
                LedgerRow(
                    problem=f"{p + 1}号问题：{problem}",
                    measure="".join(MEASURES[(p + m + k) % 3] for k in range(1 + (p + m) % 4)),
                    source="2021年度民主生活会",
                    aspect=["政治建设方面", "作风建设方面（含纪律）"][p % 2],
                    category="学习",
                    owner=["张伟", "欧阳明月"][m % 2],
                    unit="办公室",
                    deadline=dt.date(2022, 3, 31) if m % 3 else None,
                    term="deadline" if m % 3 else "ongoing",
                    progress="\n".join(f"2022年{k + 1}月：{MEASURES[k % 3]}" for k in range((p + m) % 4)),
                    status=["in_progress", "done", "not_started"][m % 3],
                    evidence="\n".join(
                        ["学习计划.pdf", "meeting-minutes-2022-03-final-version.docx"][: m % 3]
                    ),
                    problem_ref=p + 1,
                )
            )
    return rows


def printed_rows(xlsx: bytes) -> list[list[str]]:
    """What each row of the sheet says, cell by cell, as it is printed (dates as 2022年3月31日)."""
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    rows = []
    for values in sheet.iter_rows(min_row=3, max_col=len(PRINTED), values_only=True):
        rows.append([_printed(v) for v in values])
    return rows


def _printed(value: object) -> str:
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value).replace("\n", "").replace(" ", "")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[PrintedPage], bytes]:
    """The ledger exported and printed once for all the tests here (LibreOffice takes seconds)."""
    folder = tmp_path_factory.mktemp("print")
    out = io.BytesIO()
    write_ledger_xlsx(ledger(), out, TITLE)
    xlsx = folder / "整改台账.xlsx"
    xlsx.write_bytes(out.getvalue())
    return read_pages(render_pdf(xlsx), MEASURE_COLUMN), out.getvalue()


def test_every_page_is_one_page_wide_with_the_header_at_its_top(printed):
    pages, _ = printed
    assert len(pages) >= 3
    headers = [header.replace(" ", "") for header, _, _ in PRINTED]
    for page in pages:
        assert (page.width, page.height) == pytest.approx((A4_WIDE, 595.3), abs=1)  # A4 landscape
        assert len(page.columns) == len(PRINTED), f"第{page.number}页只有{len(page.columns)}列"
        assert [page.cell_text(0, c) for c in range(len(PRINTED))] == headers
        # fitted to the page's width between the margins, not shrunk to a corner of it
        left, right = page.columns[0][0], page.columns[-1][1]
        assert left >= SIDE_MARGIN - 2 and right <= A4_WIDE - SIDE_MARGIN + 2
        assert right - left > 0.95 * (A4_WIDE - 2 * SIDE_MARGIN)


def test_the_title_is_on_page_one_above_the_header_and_again_on_every_page(printed):
    pages, _ = printed
    for page in pages:
        header_top = page.rows[0][0]
        assert page.text_between(0, header_top) == TITLE, f"第{page.number}页"
        title = [c for c in page.chars if c["bottom"] <= header_top]
        assert min(c["x0"] for c in title) > 0 and max(c["x1"] for c in title) < page.width


def test_the_footer_numbers_the_pages(printed):
    pages, _ = printed
    for page in pages:
        assert page.text_between(page.rows[-1][1], page.height) == f"第{page.number}页共{len(pages)}页"


def test_every_row_is_printed_once_in_order_each_cell_inside_its_row(printed):
    pages, xlsx = printed
    crossing = [c for page in pages for c in page.chars_crossing_lines()]
    assert crossing == [], "文字超出了所在行：\n" + "\n".join(crossing[:20])
    seen = [
        [page.cell_text(row, col) for col in range(len(PRINTED))]
        for page in pages
        for row in range(1, len(page.rows))
    ]
    expected = printed_rows(xlsx)
    assert len(seen) == len(expected)
    for number, (got, want) in enumerate(zip(seen, expected, strict=True), 3):
        assert got == want, f"第{number}行打印出来的内容与表格不同"


def test_every_row_is_at_least_as_tall_as_its_printed_lines(printed):
    pages, _ = printed
    wrapped = 0
    for page in pages:
        for row in range(1, len(page.rows)):
            top, bottom = page.rows[row]
            for column in range(len(PRINTED)):
                lines = page.cell_lines(row, column)
                if not lines:
                    continue
                wrapped += len(lines) > 1
                line_height = max(c["bottom"] - c["top"] for line in lines for c in line)
                assert bottom - top >= len(lines) * line_height, (
                    f"第{page.number}页第{row}行第{column + 1}列：{len(lines)}行文字放不下"
                )
    assert wrapped > 20  # the ledger's long text really wraps


def test_there_are_no_more_pages_than_the_rows_need(printed):
    pages, _ = printed
    bottom = pages[0].height - BOTTOM_MARGIN
    for page, following in itertools.pairwise(pages):
        next_row_top, next_row_bottom = following.rows[1]
        assert page.rows[-1][1] + (next_row_bottom - next_row_top) > bottom, (
            f"第{following.number}页的第一行本可以印在第{page.number}页"
        )


def test_a_row_is_as_tall_as_its_longest_wrapped_text():
    assert text_units("整改abc，") == 9  # a Chinese character or full-width mark counts two
    assert text_lines("", 10) == 1
    assert text_lines("一二三四", 9) == 1  # 8 of the 8 a line holds
    assert text_lines("一二三四五", 9) == 2
    assert text_lines("一\n二\n\n三", 40) == 4  # each line break starts a line, empty lines too
    assert text_lines("x" * 100, 11) == 10


def test_the_workbook_says_how_to_print_it():
    out = io.BytesIO()
    write_ledger_xlsx(ledger()[:3], out, TITLE)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    heights = [sheet.row_dimensions[r].height for r in range(3, 6)]
    assert all(h and h >= 20 for h in heights), heights
    assert not [str(r) for r in sheet.merged_cells.ranges if r.min_row != r.max_row]  # none across rows
