"""The numbering that paragraph styles give their paragraphs, read from styles.xml as far as needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from zhenggai.documents.docx.wordml import Tags, int_val
from zhenggai.documents.safety import SafeZip, iter_xml, refuse_doctype

#: How many w:basedOn links a style's numbering is looked for through.
MAX_BASED_ON = 32


class _Style(NamedTuple):
    """What the reader needs of one w:style: its own numbering and the style it is based on."""

    num_id: int | None
    ilvl: int | None
    based_on: str | None


class Styles:
    """The numbering that paragraph styles carry (w:style/w:pPr/w:numPr through w:basedOn).

    styles.xml can be large (350 KB in python-docx's template) while a document uses a handful of
    styles, most defined near its start: the part is parsed as a stream, only as far as the
    styles asked for so far, and not at all when no style in it carries numbering.
    """

    def __init__(self, package: SafeZip, part: str, tags: Tags, name: str) -> None:
        self._package = package
        self._part = part
        self._tags = tags
        self._name = name
        self._opened = False
        self._stream: Iterator[etree._Element] | None = None
        self._elements: dict[str | None, etree._Element] = {}  # each w:style parsed so far, by id
        self._styles: dict[str, _Style | None] = {}
        self._cache: dict[str, tuple[int | None, int | None]] = {}

    def numbering(self, style_id: str) -> tuple[int | None, int | None]:
        """(numId, ilvl) that the style gives its paragraphs, inherited through w:basedOn."""
        if style_id not in self._cache:
            self._cache[style_id] = self._lookup(style_id)
        return self._cache[style_id]

    def _lookup(self, style_id: str) -> tuple[int | None, int | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and len(seen) < MAX_BASED_ON:
            seen.add(current)
            style = self._style(current)
            if style is None:
                break
            num_id = style.num_id if num_id is None else num_id
            ilvl = style.ilvl if ilvl is None else ilvl
            if num_id is not None and ilvl is not None:
                break
            current = style.based_on
        return num_id, ilvl

    def _style(self, style_id: str) -> _Style | None:
        """The style called `style_id` (the first of that name), parsing on until it is found."""
        if not self._opened:
            self._open()
        while style_id not in self._elements and self._stream is not None:
            element = next(self._stream, None)
            if element is None:
                self._stream = None
                break
            self._elements.setdefault(element.get(self._tags.styleId), element)
        if style_id not in self._styles:
            element = self._elements.get(style_id)
            self._styles[style_id] = None if element is None else self._read(element)
        return self._styles[style_id]

    def _open(self) -> None:
        self._opened = True
        data = self._package.read(self._part)
        refuse_doctype(data, self._name)
        if b"numPr" in data:  # otherwise no style carries numbering: nothing to parse
            self._stream = iter_xml(data, self._name, self._tags.style)

    def _read(self, style: etree._Element) -> _Style:
        tg = self._tags
        numpr = ppr.find(tg.numPr) if (ppr := style.find(tg.pPr)) is not None else None
        based = style.find(tg.basedOn)
        return _Style(
            num_id=int_val(numpr.find(tg.numId), tg.val) if numpr is not None else None,
            ilvl=int_val(numpr.find(tg.ilvl), tg.val) if numpr is not None else None,
            based_on=based.get(tg.val) if based is not None else None,
        )
