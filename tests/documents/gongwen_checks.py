"""Checks every generated document passes, on its XML and on its pages as LibreOffice prints them.

`check_sections` reads the .docx back with python-docx: each section A4 (portrait or landscape as
asked), the GB/T 9704 margins (turned with a landscape page), the offices' fonts in the East Asian
attributes, the sizes, and the page-number field in both footers. `check_printed` prints it and
checks each page: its size and orientation, text inside the block, the page number "—N—" below the
block, no placeholder ("X", "XX", "×") anywhere, and on the portrait pages full of text 22 lines, of
which the full lines of Chinese text hold 28 characters.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.documents.gongwen_pages import BOTTOM, LEFT, RIGHT, TOP, Page, print_docx
from zhenggai.documents import read_bytes
from zhenggai.documents.placeholders import find_placeholders

PORTRAIT, LANDSCAPE = "portrait", "landscape"
#: The landscape block: the portrait one turned (left 37 mm, top 28 mm, 225 × 156 mm).
L_LEFT, L_RIGHT, L_TOP, L_BOTTOM = 37.0, 262.0, 28.0, 184.0
HANGING = "，。；：、！？）”"
_CHINESE = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…、]+$")


def check_sections(data: bytes, orientations: list[str]) -> docx.document.Document:
    """The sections' pages and margins, fonts and sizes of the styles, page-number fields; the document."""
    document = docx.Document(io.BytesIO(data))
    assert [s.orientation.name.lower() for s in document.sections] == orientations
    for section, orientation in zip(document.sections, orientations, strict=True):
        size = (round(section.page_width.mm), round(section.page_height.mm))
        margins = [round(m.mm) for m in (section.top_margin, section.left_margin)]
        if orientation == PORTRAIT:
            assert size == (210, 297) and margins == [37, 28]
        else:
            assert size == (297, 210) and margins == [28, 37]
        width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
        height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
        block = (156.0, 225.0) if orientation == PORTRAIT else (225.0, 156.0)
        assert (round(width, 1), round(height, 1)) == block
        for footer in (section.footer, section.even_page_footer):
            xml = footer.paragraphs[0]._p.xml
            assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    styles = {s.name: s for s in document.styles}
    for name, font, size in (
        ("公文标题", "方正小标宋简体", 22),
        ("公文正文", "仿宋_GB2312", 16),
        ("一级标题", "黑体", 16),
    ):
        if name in styles:
            fonts = styles[name].element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == font and styles[name].font.size.pt == size
    assert find_placeholders(read_bytes("document.docx", data).paragraphs) == []
    return document


def check_table_fonts(document: docx.document.Document, size: float) -> None:
    """Every table cell's paragraph style: 仿宋_GB2312 (the header row 黑体) at `size` points, exact
    line spacing of 1.5 times the size off the line grid; the header row repeated on each page."""
    assert document.tables
    for table in document.tables:
        for r, row in enumerate(table.rows):
            for paragraph in (p for cell in row.cells for p in cell.paragraphs):
                style = paragraph.style
                assert style is not None and style.name.startswith("表格表头" if r == 0 else "表格文字")
                fonts = style.element.rPr.find(qn("w:rFonts"))
                assert fonts.get(qn("w:eastAsia")) == ("黑体" if r == 0 else "仿宋_GB2312")
                assert style.font.size.pt == size and style.paragraph_format.line_spacing.pt == size * 1.5
                assert all(run.font.name is None and run.font.size is None for run in paragraph.runs)
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def check_printed(data: bytes, folder: Path, orientations: list[str]) -> list[Page]:
    """Print with LibreOffice; each page's size, block, page number; no placeholder; 22 × 28."""
    pages = print_docx(data, folder)
    kinds = [PORTRAIT if p.width < p.height else LANDSCAPE for p in pages]
    assert kinds == sorted(kinds, key=orientations.index), kinds  # the sections in order
    assert set(kinds) == set(orientations)
    full_pages = 0
    for page, kind in zip(pages, kinds, strict=True):
        left, right, top, bottom = (
            (LEFT, RIGHT, TOP, BOTTOM) if kind == PORTRAIT else (L_LEFT, L_RIGHT, L_TOP, L_BOTTOM)
        )
        assert (round(page.width), round(page.height)) == ((210, 297) if kind == PORTRAIT else (297, 210))
        body = [line for line in page.lines if line.bottom <= bottom + 1]
        below = [line for line in page.lines if line.top > bottom]
        assert [line.text for line in below] == [f"—{page.number}—"], (
            page.number,
            [line.text for line in below],
        )
        for line in body:
            # LibreOffice hangs a line's closing punctuation into the margin (Asian typography)
            hang = 6.0 if line.text[-1] in HANGING else 0.5
            assert line.left >= left - 0.5 and line.right <= right + hang, (page.number, line)
            assert line.top >= top - 0.5, (page.number, line)
        for line in page.lines:
            assert "X" not in line.text and "×" not in line.text, line.text
        if kind == PORTRAIT and len(body) == 22:
            full_pages += 1
            assert all(line.size == pytest.approx(16, abs=0.1) for line in body)
            wide = [
                ln for ln in body if ln.left < left + 1 and ln.right > right - 1 and _CHINESE.match(ln.text)
            ]
            assert all(line.chars == 28 for line in wide), [
                (ln.text, ln.chars) for ln in wide if ln.chars != 28
            ]
    if PORTRAIT in orientations and kinds.count(PORTRAIT) > 2:
        assert full_pages, "no portrait page is full of text"
    return pages
