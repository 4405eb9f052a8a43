"""The paragraph styles of GB/T 9704 in styles.xml: defaults, title, body, headings and page number."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

from zhenggai.documents.gongwen.style import (
    LINE_PITCH_TWIPS,
    RUN_SQUEEZE_TWIPS,
    SIZE_3,
    SIZE_4,
    HouseStyle,
)

#: Paragraph style names (what Word's style list shows).
TITLE, BODY = "公文标题", "公文正文"
HEADINGS = ("一级标题", "二级标题", "三级标题", "四级标题", "五级标题")
PAGE_NUMBER = "公文页码"


@dataclass(frozen=True, slots=True)
class Spec:
    """One paragraph style: name, East Asian font, size in points, weight, alignment, indent, level."""

    name: str
    font: str
    size: float
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: bool = True
    outline: int | None = None


def document_defaults(styles: etree._Element, house: HouseStyle) -> None:
    """Document defaults: 三号 仿宋, Chinese, no paragraph spacing."""
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults is not None
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert r_pr is not None
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(fonts(house.body_font, house))
    append_size(r_pr, SIZE_3)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr.append(lang)
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if p_pr is not None:
        for child in list(p_pr):
            p_pr.remove(child)


#: The elements of w:pPr that follow w:ind, and those that follow w:autoSpaceDN (ECMA-376 order).
_AFTER_IND = (
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", *_AFTER_IND)


def paragraph_style(document: DocumentObject, spec: Spec, house: HouseStyle) -> str:
    """Add the paragraph style `spec` (fixed line pitch, two-character indent); its style id."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = None
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    fmt.space_before = Pt(0)
    fmt.space_after = Twips(LINE_PITCH_TWIPS) if spec.name == TITLE else Pt(0)
    fmt.widow_control = False
    p_pr = style.element.get_or_add_pPr()
    # No extra space between Chinese and Latin text or digits (Word's and LibreOffice's default adds
    # some): every character keeps its place on the 28-character line, as offices set it.
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(tag)
        off.set(qn("w:val"), "0")
        p_pr.insert_element_before(off, *_AFTER_AUTOSPACE)
    if spec.indent:
        # w:ind comes before w:jc in a paragraph's properties (the schema's order, which Word enforces)
        p_pr.insert_element_before(first_line_indent(), *_AFTER_IND)
    if spec.outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline))
        p_pr.append(level)
    r_pr = style.element.get_or_add_rPr()
    r_pr.append(fonts(spec.font, house))
    if spec.bold:
        r_pr.append(OxmlElement("w:b"))
        r_pr.append(OxmlElement("w:bCs"))
    if spec.name != TITLE:
        squeeze = OxmlElement("w:spacing")
        squeeze.set(qn("w:val"), str(RUN_SQUEEZE_TWIPS))
        r_pr.append(squeeze)
    append_size(r_pr, spec.size)
    return str(style.style_id)


def append_size(r_pr: etree._Element, points: float) -> None:
    """w:sz and w:szCs of `points` (Word counts half-points)."""
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(int(points * 2)))
        r_pr.append(size)


def first_line_indent() -> etree._Element:
    """Two characters of 三号 (Word counts them in characters; the twips are for other readers)."""
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), "200")
    ind.set(qn("w:firstLine"), str(int(SIZE_3 * 2 * 20)))
    return ind


def fonts(east_asian: str, house: HouseStyle, latin: str | None = None) -> etree._Element:
    """w:rFonts naming `east_asian` for Chinese text and the house's Latin font for the rest."""
    fonts = OxmlElement("w:rFonts")
    other = latin or house.latin_font or east_asian
    fonts.set(qn("w:ascii"), other)
    fonts.set(qn("w:hAnsi"), other)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), other)
    fonts.set(qn("w:hint"), "eastAsia")
    return fonts


def page_number_style(document: DocumentObject, house: HouseStyle) -> str:
    """The page number's style: 4号 宋体 (digits too), single spacing; its style id."""
    style = document.styles.add_style(PAGE_NUMBER, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = None
    r_pr = style.element.get_or_add_rPr()
    r_pr.append(fonts(house.page_number_font, house, latin=house.page_number_font))
    append_size(r_pr, SIZE_4)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    return str(style.style_id)
