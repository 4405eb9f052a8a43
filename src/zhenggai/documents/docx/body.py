"""The paragraphs of a document body, read by recursive descent over its XML as Word displays them."""

from __future__ import annotations

from lxml import etree

from zhenggai.documents.docx.numbering import Numbering
from zhenggai.documents.docx.wordml import Tags, child, int_val, is_on


def read_body(body: etree._Element, tags: Tags, numbering: Numbering | None, marks: bool) -> list[str]:
    """The text of every paragraph of `body` in reading order, its automatic number in front.

    A line, page or column break inside a paragraph starts a new output paragraph. `marks` says
    that paragraph marks may be deleted or hidden (then a paragraph runs on into the next one).
    """
    return _BodyReader(tags, numbering, marks).read(body)


def drop_hidden_runs(body: etree._Element, tags: Tags) -> None:
    """Remove runs formatted as hidden text (w:vanish), which Word does not display."""
    hidden = [v.getparent() for v in body.iter(tags.vanish) if is_on(v, tags.val)]
    for rpr in hidden:
        run = rpr.getparent() if rpr is not None else None
        if run is not None and run.tag == tags.r and (parent := run.getparent()) is not None:
            parent.remove(run)


class _Paragraph:
    """The text read so far of one paragraph: its finished pieces (split at breaks) and the current one."""

    __slots__ = ("cur", "done", "merge", "prefix", "soft")

    def __init__(self, prefix: str, carry: list[str], merge: bool = False) -> None:
        self.prefix = prefix
        self.done: list[str] = []
        self.cur: list[str] = carry
        self.soft = False  # the last split was a page or column break
        self.merge = merge  # the paragraph mark is deleted or hidden: join the next paragraph

    def split(self, soft: bool) -> None:
        """End the current piece at a line break (`soft`: a page or column break)."""
        # A page break before the first text or at the end is layout, not a paragraph of its own.
        if soft and not any(self.cur):
            return
        self.done.append("".join(self.cur))
        self.cur = []
        self.soft = soft

    def finish(self) -> None:
        """End the paragraph: the last piece is done, and the number goes in front of the first."""
        if not (self.soft and not any(self.cur)) or not self.done:
            self.done.append("".join(self.cur))
        if self.prefix:
            self.done[0] = self.prefix + self.done[0]


class _BodyReader:
    """One reading of a body: enter each element, skipping what Word does not display.

    Skipped with everything inside them: deleted and moved-away text (w:del, w:moveFrom), the
    phonetic guide above ruby text (w:rt), every mc:AlternateContent branch but the first
    mc:Choice, and the property elements (w:pPr, w:rPr, w:tblPr …), which hold formatting, never
    text. A paragraph inside another (in a text box anchored in one of its runs) is read as a
    paragraph of its own that comes after the one holding it, which goes on after it.
    """

    def __init__(self, tags: Tags, numbering: Numbering | None, marks: bool) -> None:
        self.tags = tags
        self.numbering = numbering
        self.marks = marks
        hidden = (tags.deleted, tags.moveFrom, tags.rt)
        properties = (tags.pPr, tags.rPr, tags.tblPr, tags.tblGrid, tags.trPr, tags.tcPr, tags.sectPr)
        self.skip = frozenset((*hidden, *properties))
        self.texts = frozenset((tags.t, tags.m_t))
        self.characters = {tags.tab: " ", tags.ptab: " ", tags.noBreakHyphen: "-", tags.softHyphen: ""}
        self.breaks = frozenset((tags.br, tags.cr))
        self.branches = frozenset((tags.choice, tags.fallback))
        self.shown = frozenset((*self.texts, *self.characters, *self.breaks, tags.sym))
        self.paragraphs: list[_Paragraph] = []  # in the order they open
        self.open: _Paragraph | None = None  # the innermost paragraph being read
        self.carry: list[str] = []  # text of a paragraph whose mark is deleted, for the next one

    def read(self, body: etree._Element) -> list[str]:
        """The text of the body's paragraphs (see read_body)."""
        self._enter(body)
        if self.carry:  # the last paragraph mark was deleted or hidden: its text still shows
            self.paragraphs.append(_Paragraph("", self.carry))
            self.paragraphs[-1].finish()
        return [text for paragraph in self.paragraphs for text in paragraph.done]

    def _enter(self, parent: etree._Element) -> None:
        """Read the children of `parent`, and theirs, in document order."""
        # Locals: this loop runs once per element of the body.
        shown, skip, branches, p = self.shown, self.skip, self.branches, self.tags.p
        for el in parent:
            tag = el.tag
            if tag in shown:
                if self.open is not None:
                    self._show(el, tag, self.open)
            elif tag == p:
                self._paragraph(el)
                continue
            elif tag in skip or (tag in branches and self._other_branch(el)):
                continue
            if len(el):
                self._enter(el)

    def _show(self, el: etree._Element, tag: str, paragraph: _Paragraph) -> None:
        """Add what one element shows to the open paragraph: text, a tab, a symbol, or a break."""
        if tag in self.texts:
            if el.text:
                paragraph.cur.append(el.text)
        elif tag in self.characters:
            paragraph.cur.append(self.characters[tag])
        elif tag in self.breaks:
            paragraph.split(el.get(self.tags.type) in ("page", "column"))
        else:
            paragraph.cur.append(_symbol(el.get(self.tags.char)))

    def _paragraph(self, p: etree._Element) -> None:
        """Read one w:p (and any paragraph inside it), then close it or carry it into the next."""
        paragraph = self._start(p, self.carry)
        self.carry = []
        self.paragraphs.append(paragraph)
        outer, self.open = self.open, paragraph
        self._enter(p)
        if paragraph.merge:  # a deleted or hidden paragraph mark joins it to the next one
            self.carry = [paragraph.prefix, *paragraph.cur] if paragraph.prefix else paragraph.cur
            paragraph.cur = []
        else:
            paragraph.finish()
        self.open = outer

    def _start(self, p: etree._Element, carry: list[str]) -> _Paragraph:
        tg = self.tags
        first = p[0] if len(p) else None  # w:pPr is always the first child
        if first is None or first.tag != tg.pPr:
            return _Paragraph("", carry)
        deleted = hidden = False
        if self.marks and (rpr := child(first, tg.rPr)) is not None:
            deleted = child(rpr, tg.deleted) is not None
            # Word's style separator: a hidden paragraph mark runs the heading into the next paragraph.
            hidden = is_on(child(rpr, tg.vanish), tg.val)
        if self.numbering is None or deleted:
            return _Paragraph("", carry, deleted or hidden)
        return _Paragraph(self._label(first), carry, hidden)

    def _label(self, ppr: etree._Element) -> str:
        assert self.numbering is not None
        tg = self.tags
        num_id = ilvl = None
        numpr = child(ppr, tg.numPr)
        if numpr is not None:
            num_id = int_val(child(numpr, tg.numId), tg.val)
            ilvl = int_val(child(numpr, tg.ilvl), tg.val)
        first = ppr[0] if len(ppr) else None  # w:pStyle, when present, comes first
        style_id = first.get(tg.val) if first is not None and first.tag == tg.pStyle else None
        if num_id is None and style_id is None:
            return ""
        return self.numbering.label(num_id, ilvl, style_id)

    def _other_branch(self, el: etree._Element) -> bool:
        """True for every mc:AlternateContent branch but the one read (the first mc:Choice)."""
        parent = el.getparent()
        first = child(parent, self.tags.choice) if parent is not None else None
        return first is not None and first is not el


def _symbol(code: str | None) -> str:
    """A w:sym character; symbol-font code points (U+F0xx) have no Unicode meaning and are dropped."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if value < 0x20 or 0xF000 <= value <= 0xF0FF or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return ""
    return chr(value)
