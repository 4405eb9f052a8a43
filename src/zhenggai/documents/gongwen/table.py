"""Landscape tables in a GB/T 9704 document: the 附件 of a 整改方案 and the 整改台账 printed as Word.

`landscape(document)` starts a new section on A4 turned sideways (the first one, when nothing is
written yet): the portrait margins turn with the page — 订口 28 mm at the top, 天头 37 mm on the
left — so the text block is 225 × 156 mm, and the page numbers carry on in the same footers.
`attachment_label` writes "附件" (or "附件1") in 3号 黑体 at the left edge, as GB/T 9704 puts it
over an attachment; `table` writes a bordered table the width of the block, its header row repeated
on every page, cells of one problem merged down over its measures' rows (`Column.merged`), in
小四 仿宋 (the header in 黑体) with exact line spacing off the document's line grid.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.style import (
    BLOCK_HEIGHT_MM,
    BLOCK_WIDTH_MM,
    LEFT_MM,
    LINE_PITCH_TWIPS,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SIZE_3,
    TOP_MM,
    HouseStyle,
    twips,
)

#: Table text: 小四 (12 pt) on an exact line of 1.5 times its size; 五号 (10.5 pt) for wide tables.
TABLE_SIZE = 12.0
SMALL_TABLE_SIZE = 10.5
#: The landscape page: the portrait page turned, its margins with it.
LANDSCAPE_TOP_MM, LANDSCAPE_LEFT_MM = LEFT_MM, TOP_MM  # 28 mm, 37 mm
LANDSCAPE_BOTTOM_MM = PAGE_WIDTH_MM - LEFT_MM - BLOCK_WIDTH_MM  # 26 mm
LANDSCAPE_RIGHT_MM = PAGE_HEIGHT_MM - TOP_MM - BLOCK_HEIGHT_MM  # 35 mm
#: The page number 7 mm below the block, as on portrait pages.
LANDSCAPE_FOOTER_MM = LANDSCAPE_BOTTOM_MM - 7.0 - 6.5


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, its share of the block's width, centred or not, merged down a problem."""

    header: str
    weight: float
    centred: bool = False
    merged: bool = False


def landscape(document: GongwenDocument) -> None:
    """Start a landscape section (A4 turned, margins turned with it); the first section when the
    document is still empty."""
    end = document.section
    if not document.empty:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_pr.append(copy.deepcopy(end))
        p.append(p_pr)
        document.append(p)
    size = end.find(qn("w:pgSz"))
    assert size is not None
    size.set(qn("w:w"), str(twips(PAGE_HEIGHT_MM)))
    size.set(qn("w:h"), str(twips(PAGE_WIDTH_MM)))
    size.set(qn("w:orient"), "landscape")
    margins = end.find(qn("w:pgMar"))
    assert margins is not None
    for side, mm in (
        ("top", LANDSCAPE_TOP_MM),
        ("bottom", LANDSCAPE_BOTTOM_MM),
        ("left", LANDSCAPE_LEFT_MM),
        ("right", LANDSCAPE_RIGHT_MM),
        ("footer", LANDSCAPE_FOOTER_MM),
    ):
        margins.set(qn(f"w:{side}"), str(twips(mm)))


def attachment_label(document: GongwenDocument, text: str = "附件") -> None:
    """ "附件" over an attachment: 3号 黑体, at the left edge of the block, no indent."""
    house = document.house
    document.append(
        parse_xml(f"<w:p {_W}>{_p_xml(house, house.heading1_font, SIZE_3, None, 'left', text)}</w:p>")
    )


def table(
    document: GongwenDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    size: float = TABLE_SIZE,
) -> None:
    """A table the width of the (landscape) block: the header row repeated on each page, then `rows`.

    A cell of a `merged` column that is empty on a row continues the cell above it (a problem's
    number and text drawn once over its measures), as long as the row's first merged cell is empty
    too. Text with line breaks becomes several paragraphs in the cell. `size` in points (line 1.5×),
    set by two paragraph styles (表格文字, 表格表头) rather than on every run. The XML is written as
    text and parsed once: building 100,000 elements one by one through python-docx takes seconds
    for a 3,000-row ledger.
    """
    total = sum(c.weight for c in columns)
    widths = [round(twips(BLOCK_HEIGHT_MM) * c.weight / total) for c in columns]
    text_style, header_style = _table_styles(document, size)
    header = _row_xml(
        columns, widths, [c.header for c in columns], [False] * len(columns), header_style, True
    )
    body = []
    first_merged = next((i for i, c in enumerate(columns) if c.merged), None)
    for index, values in enumerate(rows):
        continues = index > 0 and first_merged is not None and not values[first_merged]
        merge = [continues and c.merged for c in columns]
        body.append(_row_xml(columns, widths, values, merge, text_style, False))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = f"<w:tbl {_W}>{_table_properties(sum(widths))}<w:tblGrid>{grid}</w:tblGrid>{header}{''.join(body)}</w:tbl>"
    document.append(parse_xml(xml))
    # Word wants a paragraph after a table; a 1 pt one takes no room on the page.
    house = document.house
    document.append(parse_xml(f"<w:p {_W}>{_p_xml(house, house.body_font, 1.0, 20, 'left', '')}</w:p>"))


def _table_styles(document: GongwenDocument, size: float) -> tuple[str, str]:
    """The ids of the table's text and header paragraph styles at `size`, added to styles.xml once."""
    half = int(size * 2)
    house = document.house
    ids = (f"ZhenggaiTable{half}", f"ZhenggaiTableHeader{half}")
    present = {s.get(qn("w:styleId")) for s in document.styles.iterfind(qn("w:style"))}
    for style_id, name, font, align in (
        (ids[0], f"表格文字{size:g}磅", house.body_font, "both"),
        (ids[1], f"表格表头{size:g}磅", house.heading1_font, "center"),
    ):
        if style_id not in present:
            p_pr, r_pr = _p_pr(round(size * 30), align), _r_pr(house, font, size)
            document.styles.append(
                parse_xml(
                    f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                    f'<w:name w:val="{name}"/><w:qFormat/><w:pPr>{p_pr}</w:pPr><w:rPr>{r_pr}</w:rPr></w:style>'
                )
            )
    return ids


_W = f'xmlns:w="{nsmap["w"]}"'
_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_CENTRE = '<w:jc w:val="center"/>'
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _table_properties(width: int) -> str:
    borders = "".join(
        _BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}'
        '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )


def _row_xml(
    columns: Sequence[Column],
    widths: list[int],
    values: Sequence[str],
    merge: list[bool],
    style: str,
    header: bool,
) -> str:
    cells = []
    for column, width, value, merged in zip(columns, widths, values, merge, strict=True):
        v_merge = ""
        if column.merged and not header:
            v_merge = "<w:vMerge/>" if merged else '<w:vMerge w:val="restart"/>'
        p_pr = f'<w:pPr><w:pStyle w:val="{style}"/>{_CENTRE if column.centred and not header else ""}</w:pPr>'
        lines = ("" if merged else value).split("\n")
        paragraphs = "".join(f"<w:p>{p_pr}{_run_xml(t)}</w:p>" for t in lines)
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v_merge}<w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraphs}</w:tc>"
        )
    properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def _run_xml(text: str) -> str:
    """One run of `text` in the paragraph style's font (nothing for no text)."""
    return f'<w:r><w:t xml:space="preserve">{escape(_INVALID.sub("", text))}</w:t></w:r>' if text else ""


def _p_xml(house: HouseStyle, font: str, size: float, line: int | None, align: str, text: str) -> str:
    """A paragraph's properties and its one run (none for no text), formatted directly."""
    r_pr = _r_pr(house, font, size)
    p_pr = f"<w:pPr>{_p_pr(line, align)}<w:rPr>{r_pr}</w:rPr></w:pPr>"
    if not text:
        return p_pr
    return f'{p_pr}<w:r><w:rPr>{r_pr}</w:rPr><w:t xml:space="preserve">{escape(_INVALID.sub("", text))}</w:t></w:r>'


def _p_pr(line: int | None, align: str) -> str:
    """Paragraph properties: off the line grid with `line` twips exact (None: on the grid's pitch),
    no space around, no indent, `align`; no extra space between Chinese and Latin text."""
    snap = '<w:snapToGrid w:val="0"/>' if line is not None else ""
    return (
        f'<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>{snap}'
        f'<w:spacing w:before="0" w:after="0" w:line="{line if line is not None else LINE_PITCH_TWIPS}" '
        f'w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="{align}"/>'
    )


def _r_pr(house: HouseStyle, font: str, size: float) -> str:
    """Run properties: `font` for Chinese text (the house's Latin font, else the same, for the rest)."""
    other = quoteattr(house.latin_font or font)
    half = int(size * 2)
    return (
        f'<w:rFonts w:ascii={other} w:hAnsi={other} w:eastAsia={quoteattr(font)} w:cs={other} w:hint="eastAsia"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    )
