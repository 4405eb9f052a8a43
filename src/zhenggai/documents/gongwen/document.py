"""A Word document laid out by GB/T 9704-2012: the page, the styles, the footers and the paragraphs.

`GongwenDocument` is the one writer every generated document goes through: A4 with the standard
margins and text block, 22 lines of 28 characters (fixed line pitch on Word's line grid, characters set 0.25 pt closer), the
title in 2号 小标宋 centred, the four heading levels (一、黑体, （一）楷体, 1. 仿宋 bold, （1）仿宋),
body text in 3号 仿宋 with a first-line indent of two characters, and the page numbers "— 1 —" in
4号 宋体, on the right of odd pages and on the left of even ones. Fonts are named in the East Asian
font attributes (w:eastAsia) so that Word picks them for Chinese text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

from zhenggai.documents.gongwen.style import (
    BOTTOM_MM,
    DEFAULT_STYLE,
    FOOTER_MM,
    LEFT_MM,
    LINE_PITCH_TWIPS,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    RIGHT_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TOP_MM,
    HouseStyle,
    twips,
)
from zhenggai.documents.gongwen.wordstyles import (
    BODY,
    HEADINGS,
    PAGE_NUMBER,
    TITLE,
    Spec,
    document_defaults,
    first_line_indent,
    fonts,
    page_number_style,
    paragraph_style,
)
from zhenggai.documents.markers import CIRCLED, int_to_chinese

#: The dash on either side of a page number (一字线).
DASH = "—"


def marker(depth: int, number: int) -> str:
    """The typed marker of the `number`-th heading at `depth` (0: 一、, 1: （一）, 2: 1., 3: （1）, 4+: ①)."""
    if depth == 0:
        return f"{int_to_chinese(number)}、"
    if depth == 1:
        return f"（{int_to_chinese(number)}）"
    if depth == 2:
        return f"{number}."
    if depth == 3:
        return f"（{number}）"
    return CIRCLED[number - 1] if number <= len(CIRCLED) else f"（{number}）"


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str


#: Word automatic numbering equivalent to the typed markers, level by level.
_NUMBERING = (
    _Level("chineseCounting", "%1、"),
    _Level("chineseCounting", "（%2）"),
    _Level("decimal", "%3."),
    _Level("decimal", "（%4）"),
    _Level("decimalEnclosedCircleChinese", "%5"),
)


#: Empty documents already prepared, by (house style, automatic numbering): bytes, style ids, numId.
_PREPARED: dict[tuple[HouseStyle, bool], tuple[bytes, dict[str, str], int]] = {}


class GongwenDocument:
    """A document being written; `title`, `heading`, `paragraph`, then `save` or `to_bytes`.

    With `numbering=True` headings carry Word automatic numbering (numbering.xml) instead of typed
    markers; both read back as the same text.
    """

    def __init__(self, house: HouseStyle = DEFAULT_STYLE, *, numbering: bool = False) -> None:
        self.house = house
        self.numbering = numbering
        self._counters = [0] * len(HEADINGS)
        self._num_id = 0
        self._style_ids: dict[str, str] = {}
        cached = _PREPARED.get((house, numbering))
        if cached is not None:
            # An empty document prepared once per house style: styles, page and footers are the same
            # for every document, and building them is most of the time a short document takes.
            data, self._style_ids, self._num_id = cached
            self._doc = docx.Document(io.BytesIO(data))
            self._body = self._doc.element.body
            self._end = self._body[-1]
            return
        self._doc = docx.Document()
        self._body = self._doc.element.body
        self._page()
        self._styles()
        self._footers()
        if numbering:
            self._num_id = self._numbering_definitions()
        for paragraph in list(self._body.iterchildren(qn("w:p"))):
            self._body.remove(paragraph)
        self._end = self._body[-1]
        _prune_styles(self._doc.styles.element, set(self._style_ids.values()))
        _PREPARED[(house, numbering)] = (self.to_bytes(), dict(self._style_ids), self._num_id)

    # ---- content -------------------------------------------------------------------------------

    def title(self, text: str) -> None:
        """The document's title: 2号 小标宋, centred, one empty line's space below it."""
        self._add(TITLE, [(text, None)])

    def heading(self, depth: int, text: str, run_on: str = "") -> None:
        """A heading at `depth` (0 一、 … 4 ①), numbered in order; `run_on` continues the paragraph
        in body type after the heading (the run-in heading offices write: "（一）思想方面。正文…")."""
        depth = min(depth, len(HEADINGS) - 1)
        self._counters[depth] += 1
        for lower in range(depth + 1, len(self._counters)):
            self._counters[lower] = 0
        number = self._counters[depth]
        runs: list[tuple[str, str | None]] = []
        if self.numbering:
            runs.append((text, None))
        else:
            runs.append((marker(depth, number) + text, None))
        if run_on:
            runs.append((run_on, BODY))
        p = self._add(HEADINGS[depth], runs)
        if self.numbering:
            p_pr = p.find(qn("w:pPr"))
            assert p_pr is not None
            p_pr.append(_num_pr(self._num_id, depth))

    def paragraph(self, text: str) -> None:
        """A paragraph of body text: 3号 仿宋, first line indented by two characters."""
        self._add(BODY, [(text, None)])

    def signature(self, *lines: str) -> None:
        """The closing lines (issuer, date): right-aligned, four characters in from the right edge."""
        for text in lines:
            p = self._add(BODY, [(text, None)])
            p_pr = p.find(qn("w:pPr"))
            assert p_pr is not None
            ind = OxmlElement("w:ind")
            ind.set(qn("w:firstLineChars"), "0")
            ind.set(qn("w:firstLine"), "0")
            ind.set(qn("w:rightChars"), "400")
            ind.set(qn("w:right"), str(int(SIZE_3 * 4 * 20)))
            p_pr.append(ind)
            p_pr.append(_val("w:jc", "right"))

    def append(self, element: etree._Element) -> None:
        """Append a body element built elsewhere (a table, a section break) at the end of the text."""
        self._end.addprevious(element)

    @property
    def section(self) -> etree._Element:
        """The last section's properties (w:sectPr): page size, margins, footers of what follows."""
        end: etree._Element = self._end
        return end

    @property
    def styles(self) -> etree._Element:
        """styles.xml's root (w:styles), for styles a part of the engine adds (the table's)."""
        element: etree._Element = self._doc.styles.element
        return element

    @property
    def empty(self) -> bool:
        """True while nothing has been written into the body."""
        return not any(child.tag in (qn("w:p"), qn("w:tbl")) for child in self._body)

    def save(self, target: str | Path | IO[bytes]) -> None:
        """Write the .docx to a path or a binary stream."""
        self._doc.save(str(target) if isinstance(target, Path) else target)

    def to_bytes(self) -> bytes:
        """The .docx file's bytes."""
        out = io.BytesIO()
        self._doc.save(out)
        return out.getvalue()

    # ---- the paragraphs' XML, built directly (python-docx's proxies are slow for long documents) --

    def _add(self, style: str, runs: list[tuple[str, str | None]]) -> etree._Element:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_style = OxmlElement("w:pStyle")
        p_style.set(qn("w:val"), self._style_ids[style])
        p_pr.append(p_style)
        p.append(p_pr)
        for text, run_style in runs:
            r = OxmlElement("w:r")
            if run_style is not None:
                r_pr = OxmlElement("w:rPr")
                r_pr.append(fonts(self._run_font(run_style), self.house))
                bold_off = OxmlElement("w:b")
                bold_off.set(qn("w:val"), "0")
                r_pr.append(bold_off)
                r.append(r_pr)
            t = OxmlElement("w:t")
            t.text = text
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            p.append(r)
        self._end.addprevious(p)  # before the final w:sectPr (len() of an lxml element counts)
        return p

    def _run_font(self, style: str) -> str:
        return self.house.body_font if style == BODY else self.house.title_font

    # ---- page, styles, footers, numbering ------------------------------------------------------

    def _page(self) -> None:
        section = self._doc.sections[0]
        section.page_width, section.page_height = Twips(twips(PAGE_WIDTH_MM)), Twips(twips(PAGE_HEIGHT_MM))
        section.top_margin, section.bottom_margin = Twips(twips(TOP_MM)), Twips(twips(BOTTOM_MM))
        section.left_margin, section.right_margin = Twips(twips(LEFT_MM)), Twips(twips(RIGHT_MM))
        section.header_distance = Twips(twips(15))
        section.footer_distance = Twips(twips(FOOTER_MM))
        section.gutter = Twips(0)
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:docGrid")):
            sect_pr.remove(old)
        grid = OxmlElement("w:docGrid")
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        sect_pr.append(grid)

    def _styles(self) -> None:
        house = self.house
        document_defaults(self._doc.styles.element, house)
        specs = [
            Spec(TITLE, house.title_font, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False),
            Spec(BODY, house.body_font, SIZE_3),
            Spec(HEADINGS[0], house.heading1_font, SIZE_3, outline=0),
            Spec(HEADINGS[1], house.heading2_font, SIZE_3, outline=1),
            Spec(HEADINGS[2], house.body_font, SIZE_3, bold=True, outline=2),
            Spec(HEADINGS[3], house.body_font, SIZE_3, outline=3),
            Spec(HEADINGS[4], house.body_font, SIZE_3, outline=4),
        ]
        self._style_ids = {}
        for spec in specs:
            self._style_ids[spec.name] = paragraph_style(self._doc, spec, house)
        self._style_ids[PAGE_NUMBER] = page_number_style(self._doc, house)

    def _footers(self) -> None:
        """Odd pages: the number on the right, one character in; even pages: on the left."""
        self._doc.settings.odd_and_even_pages_header_footer = True
        section = self._doc.sections[0]
        one_char = Pt(SIZE_4)
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self._doc.styles[PAGE_NUMBER]
            paragraph.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = one_char
            else:
                paragraph.paragraph_format.left_indent = one_char
            paragraph.add_run(f"{DASH} ")
            _page_field(paragraph._p)
            paragraph.add_run(f" {DASH}")

    def _numbering_definitions(self) -> int:
        numbering = self._doc.part.numbering_part.element
        abstract_id = 9704
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel")
        abstract.append(multi)
        for ilvl, level in enumerate(_NUMBERING):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            for tag, value in (
                ("w:start", "1"),
                ("w:numFmt", level.fmt),
                ("w:suff", "nothing"),
                ("w:lvlText", level.text),
                ("w:lvlJc", "left"),
            ):
                lvl.append(_val(tag, value))
            # Keep the heading style's first-line indent of two characters.
            p_pr = OxmlElement("w:pPr")
            ind = first_line_indent()
            ind.set(qn("w:left"), "0")
            p_pr.append(ind)
            lvl.append(p_pr)
            abstract.append(lvl)
        nums = numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            numbering.append(abstract)
        num_id = 9704
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        num.append(_val("w:abstractNumId", abstract_id))
        numbering.append(num)
        return num_id


def _prune_styles(styles: etree._Element, keep: set[str]) -> None:
    """Drop the template's styles that no paragraph uses (Word's defaults stay), and its latent
    styles: a smaller styles.xml to read and write."""
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:default")) != "1" and style.get(qn("w:styleId")) not in keep:
            styles.remove(style)


def _num_pr(num_id: int, ilvl: int) -> etree._Element:
    num_pr = OxmlElement("w:numPr")
    num_pr.append(_val("w:ilvl", ilvl))
    num_pr.append(_val("w:numId", num_id))
    return num_pr


def _val(tag: str, value: object) -> etree._Element:
    """The element `tag` with w:val set to `value`."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), str(value))
    return element


def _page_field(p: etree._Element) -> None:
    """A PAGE field (begin, instruction, separate, the number shown before updating, end)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r.append(t)
        p.append(r)
