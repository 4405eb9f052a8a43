"""The WordprocessingML vocabulary: qualified names in both namespaces, and readers of their values."""

from __future__ import annotations

from lxml import etree

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = {
    W_TRANSITIONAL: "{http://schemas.openxmlformats.org/officeDocument/2006/math}",
    W_STRICT: "{http://purl.oclc.org/ooxml/officeDocument/math}",
}

# Local names of the WordprocessingML elements the reader looks at.
_W_NAMES = (  # noqa: SIM905
    "document body p pPr pStyle numPr numId ilvl rPr t tab ptab br cr noBreakHyphen softHyphen "
    "sym moveFrom vanish r rt style basedOn abstractNum abstractNumId num lvl start numFmt "
    "lvlText lvlRestart isLgl lvlOverride startOverride numStyleLink styleLink "
    "tblPr tblGrid trPr tcPr sectPr"
).split()


class Tags:
    """Qualified tag and attribute names of one WordprocessingML namespace, built once."""

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        for local in _W_NAMES:
            setattr(self, local, w + local)
        self.deleted = w + "del"  # `del` is a keyword
        self.val = w + "val"
        self.format = w + "format"
        self.type = w + "type"
        self.char = w + "char"
        self.styleId = w + "styleId"
        self.m_t = _MATH[ns] + "t"
        self.choice = _MC + "Choice"
        self.fallback = _MC + "Fallback"

    # Declared for the type checker; set in __init__.
    document: str
    format: str
    body: str
    p: str
    pPr: str
    pStyle: str
    numPr: str
    numId: str
    ilvl: str
    rPr: str
    t: str
    tab: str
    ptab: str
    br: str
    cr: str
    noBreakHyphen: str
    softHyphen: str
    sym: str
    vanish: str
    r: str
    style: str
    basedOn: str
    abstractNum: str
    abstractNumId: str
    num: str
    lvl: str
    start: str
    numFmt: str
    lvlText: str
    lvlRestart: str
    isLgl: str
    lvlOverride: str
    startOverride: str
    numStyleLink: str
    styleLink: str
    moveFrom: str
    rt: str
    tblPr: str
    tblGrid: str
    trPr: str
    tcPr: str
    sectPr: str


_TAGS = {ns: Tags(ns) for ns in (W_TRANSITIONAL, W_STRICT)}


def tags_of(root: etree._Element) -> Tags | None:
    """The names of the namespace `root` is in, or None when it is not WordprocessingML."""
    return _TAGS.get(etree.QName(root).namespace or "")


def child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child named `tag` (iterchildren filters in C; find() goes through ElementPath)."""
    for found in el.iterchildren(tag):
        return found
    return None


def is_on(el: etree._Element | None, val: str) -> bool:
    """A present on/off property (w:vanish, w:isLgl) whose w:val does not switch it off."""
    return el is not None and el.get(val) not in ("0", "false", "off")


def int_val(el: etree._Element | None, val: str) -> int | None:
    """The integer in attribute `val` of `el`; None when `el` is missing or the value is no integer."""
    if el is None:
        return None
    return int_attr(el, val)


def int_attr(el: etree._Element, attr: str) -> int | None:
    """The integer in attribute `attr`, or None when it is missing or no integer."""
    try:
        return int(el.get(attr) or "")
    except ValueError:
        return None
