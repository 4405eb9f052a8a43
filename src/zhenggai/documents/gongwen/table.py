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
from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.style import (
    BLOCK_HEIGHT_MM,
    BLOCK_WIDTH_MM,
    LEFT_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SIZE_3,
    TOP_MM,
    twips,
)
from zhenggai.documents.gongwen.wordstyles import append_size, fonts

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
    p = _paragraph(document.house.heading1_font, SIZE_3, None, align="left", document=document)
    p.append(_run(text, document.house.heading1_font, SIZE_3, document))
    document.append(p)


def table(
    document: GongwenDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    size: float = TABLE_SIZE,
) -> None:
    """A table the width of the (landscape) block: the header row repeated on each page, then `rows`.

    A cell of a `merged` column that is empty on a row continues the cell above it (a problem's
    number and text drawn once over its measures), as long as the row's first merged cell is empty
    too. Text with line breaks becomes several paragraphs in the cell. `size` in points (line 1.5×).
    """
    total = sum(c.weight for c in columns)
    widths = [round(twips(BLOCK_HEIGHT_MM) * c.weight / total) for c in columns]
    tbl = OxmlElement("w:tbl")
    tbl.append(_table_properties(widths))
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    header = [c.header for c in columns]
    tbl.append(_row(document, columns, widths, header, header=True, merge=[False] * len(columns), size=size))
    first_merged = next((i for i, c in enumerate(columns) if c.merged), None)
    started = False
    for values in rows:
        continues = started and first_merged is not None and not values[first_merged]
        merge = [continues and c.merged for c in columns]
        tbl.append(_row(document, columns, widths, values, header=False, merge=merge, size=size))
        started = True
    document.append(tbl)
    # Word wants a paragraph after a table; a 1 pt one takes no room on the page.
    tail = _paragraph(document.house.body_font, 1.0, 20, align="left", document=document)
    document.append(tail)


def _table_properties(widths: list[int]) -> etree._Element:
    tbl_pr = OxmlElement("w:tblPr")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tbl_pr.append(jc)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("left", 57), ("right", 57)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(value))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    return tbl_pr


def _row(
    document: GongwenDocument,
    columns: Sequence[Column],
    widths: list[int],
    values: Sequence[str],
    *,
    header: bool,
    merge: list[bool],
    size: float,
) -> etree._Element:
    tr = OxmlElement("w:tr")
    if header:
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
    house = document.house
    font = house.heading1_font if header else house.body_font
    for column, width, value, merged in zip(columns, widths, values, merge, strict=True):
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        tc_w = OxmlElement("w:tcW")
        tc_w.set(qn("w:w"), str(width))
        tc_w.set(qn("w:type"), "dxa")
        tc_pr.append(tc_w)
        if column.merged and not header:
            v_merge = OxmlElement("w:vMerge")
            if not merged:
                v_merge.set(qn("w:val"), "restart")
            tc_pr.append(v_merge)
        v_align = OxmlElement("w:vAlign")
        v_align.set(qn("w:val"), "center")
        tc_pr.append(v_align)
        tc.append(tc_pr)
        align = "center" if header or column.centred else "both"
        for line in ("" if merged else value).split("\n"):
            p = _paragraph(font, size, round(size * 30), align=align, document=document)
            if line:
                p.append(_run(line, font, size, document))
            tc.append(p)
        tr.append(tc)
    return tr


def _paragraph(
    font: str, size: float, line: int | None, *, align: str, document: GongwenDocument
) -> etree._Element:
    """A paragraph off the line grid, no indent, `line` twips exact (None: the grid's pitch)."""
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(tag)
        off.set(qn("w:val"), "0")
        p_pr.append(off)
    if line is not None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        p_pr.append(snap)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(line if line is not None else 579))
    spacing.set(qn("w:lineRule"), "exact")
    p_pr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")
    p_pr.append(ind)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), align)
    p_pr.append(jc)
    r_pr = OxmlElement("w:rPr")
    r_pr.append(fonts(font, document.house))
    append_size(r_pr, size)
    p_pr.append(r_pr)
    p.append(p_pr)
    return p


def _run(text: str, font: str, size: float, document: GongwenDocument) -> etree._Element:
    r = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    r_pr.append(fonts(font, document.house))
    append_size(r_pr, size)
    r.append(r_pr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r
