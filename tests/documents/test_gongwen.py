"""The GB/T 9704 writer: the XML says A4, margins, fonts, sizes, spacing and page numbers; LibreOffice
prints it so: the text inside the block, 22 lines of 28 characters, numbers odd right and even left."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from tests.documents.gongwen_pages import BOTTOM, LEFT, RIGHT, TOP, print_docx
from zhenggai.documents import read_bytes
from zhenggai.documents.gongwen import (
    DASH,
    GongwenDocument,
    HouseStyle,
    marker,
    missing_fonts,
    missing_fonts_warning,
)

LINE = "一二三四五六七八九十" * 3  # 30 characters: one full line of 28 and more


def sample(numbering: bool = False, house: HouseStyle | None = None) -> bytes:
    document = GongwenDocument(house or HouseStyle(), numbering=numbering)
    document.title("关于召开专题民主生活会的对照检查材料")
    document.heading(0, "存在的问题")
    document.heading(1, "理论学习方面。", "学习不够深入系统。")
    document.heading(2, "学用结合不紧。")
    document.heading(3, "调查研究不够。")
    document.paragraph("正文" * 20)
    document.heading(0, "原因剖析")
    for _ in range(60):
        document.paragraph(LINE * 2)
    return document.to_bytes()


def test_the_page_is_a4_with_the_standard_margins() -> None:
    section = docx.Document(io.BytesIO(sample())).sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210.0, 297.0)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert (round(width, 1), round(height, 1)) == (156.0, 225.0)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_styles_name_the_offices_fonts_in_the_east_asian_attributes_and_the_sizes() -> None:
    document = docx.Document(io.BytesIO(sample()))
    paragraphs = document.paragraphs
    expected = [
        ("公文标题", "方正小标宋简体", 22, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("一级标题", "黑体", 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("二级标题", "楷体_GB2312", 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("三级标题", "仿宋_GB2312", 16, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("四级标题", "仿宋_GB2312", 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("公文正文", "仿宋_GB2312", 16, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    ]
    for paragraph, (name, font, size, bold, align) in zip(paragraphs, expected, strict=False):
        style = paragraph.style
        assert style is not None and style.name == name
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert style.font.size.pt == size and bool(style.font.bold) == bold, name
        fmt = style.paragraph_format
        assert fmt.alignment == align
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.pt == 28.95
        indent = style.element.pPr.find(qn("w:ind"))
        if name == "公文标题":
            assert indent is None
        else:
            assert indent.get(qn("w:firstLineChars")) == "200" and indent.get(qn("w:firstLine")) == "640"
    # the run-in heading's body is in body type, not bold
    run_on = paragraphs[2].runs[1]
    assert run_on.text == "学习不够深入系统。"
    assert run_on._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_page_numbers_are_fields_between_dashes_odd_right_even_left() -> None:
    document = docx.Document(io.BytesIO(sample()))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.style is not None and paragraph.style.font.size.pt == 14
        fonts = paragraph.style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.text.startswith(f"{DASH} ") and paragraph.text.endswith(f" {DASH}")


def test_a_house_style_overrides_the_fonts() -> None:
    house = HouseStyle(
        title_font="华文中宋", body_font="仿宋", heading2_font="楷体", latin_font="Times New Roman"
    )
    document = docx.Document(io.BytesIO(sample(house=house)))
    title, body = document.styles["公文标题"], document.styles["公文正文"]
    assert title.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "华文中宋"
    fonts = body.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋" and fonts.get(qn("w:ascii")) == "Times New Roman"
    assert b"\xe5\x8d\x8e\xe6\x96\x87" not in sample()  # 华文: the default style does not name it


def test_typed_and_automatic_numbering_read_back_as_the_same_text() -> None:
    typed = [p.text for p in read_bytes("typed.docx", sample()).paragraphs]
    numbered = [p.text for p in read_bytes("numbered.docx", sample(numbering=True)).paragraphs]
    assert typed == numbered
    assert typed[:5] == [
        "关于召开专题民主生活会的对照检查材料",
        "一、存在的问题",
        "（一）理论学习方面。学习不够深入系统。",
        "1.学用结合不紧。",
        "（1）调查研究不够。",
    ]
    assert typed[6] == "二、原因剖析"


def test_markers_by_depth() -> None:
    assert [marker(d, 12) for d in range(5)] == ["十二、", "（十二）", "12.", "（12）", "⑫"]


def test_missing_fonts_are_named_in_chinese() -> None:
    assert missing_fonts(HouseStyle(), installed={"黑体", "宋体"}) == [
        "方正小标宋简体",
        "仿宋_GB2312",
        "楷体_GB2312",
    ]
    assert (
        missing_fonts(
            HouseStyle(), installed={"黑体", "宋体", "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"}
        )
        == []
    )
    warning = missing_fonts_warning(["方正小标宋简体", "仿宋_GB2312"])
    assert "方正小标宋简体、仿宋_GB2312" in warning and "本机没有安装字体" in warning
    assert missing_fonts_warning([]) == ""


@pytest.mark.timeout(300)
def test_libreoffice_prints_it_by_gbt_9704(tmp_path: Path) -> None:
    pages = print_docx(sample(), tmp_path)
    assert len(pages) >= 3
    for page in pages:
        assert (round(page.width), round(page.height)) == (210, 297)
        for line in page.body_lines():
            assert line.left >= LEFT - 0.5 and line.right <= RIGHT + 0.5, (page.number, line)
            assert line.top >= TOP - 0.5 and line.bottom <= BOTTOM + 0.5, (page.number, line)
    # the title, centred on the block, 22 pt
    title = pages[0].lines[0]
    assert title.text == "关于召开专题民主生活会的对照检查材料" and title.size == pytest.approx(22, abs=0.1)
    assert (title.left + title.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1.0)
    # a full page of body text: 22 lines; its full lines 28 characters from edge to edge of the block
    full = pages[1].body_lines()
    assert len(full) == 22
    assert all(line.size == pytest.approx(16, abs=0.1) for line in full)
    wide = [line for line in full if line.left < LEFT + 1]
    assert wide and all(line.chars == 28 for line in wide if line.right > RIGHT - 1)
    assert [round(b.top - a.top, 1) for a, b in itertools.pairwise(full)] == [10.2] * 21
    # page numbers: "— 1 —" one character (4号, 4.9 mm) in from the right on odd pages, from the left
    # on even ones, 7 mm below the block
    for page in pages:
        number = page.footer()
        assert number.text == f"{DASH}{page.number}{DASH}"
        assert number.size == pytest.approx(14, abs=0.1)
        assert number.top - BOTTOM == pytest.approx(7, abs=1.0)
        if page.number % 2:
            assert number.right == pytest.approx(RIGHT - 4.94, abs=0.6)
        else:
            assert number.left == pytest.approx(LEFT + 4.94, abs=0.6)
