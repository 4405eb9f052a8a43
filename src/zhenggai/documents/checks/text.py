"""Small text helpers the rules share: excerpts, sentences, where a paragraph starts in its line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhenggai.documents.model import Paragraph, Report
from zhenggai.documents.text import bigrams

__all__ = ["EXCERPT_WIDTH", "Offsets", "bigrams", "excerpt", "sentences"]

EXCERPT_WIDTH = 30
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def excerpt(text: str, start: int = 0, width: int = EXCERPT_WIDTH) -> str:
    """Up to `width` characters of `text` from a little before `start`, marked … where cut."""
    begin = max(0, start - 8)
    piece = text[begin : begin + width]
    return ("…" if begin else "") + piece + ("…" if begin + width < len(text) else "")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) pairs of `text`; a sentence ends at 。！？；."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, text[start : m.end()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


class Offsets:
    """Where each paragraph of a report starts inside its source line, found by (line, text)."""

    def __init__(self, report: Report) -> None:
        self._offsets: dict[tuple[int, str], int] = {}
        for p in report.paragraphs:
            self._offsets.setdefault((p.line, p.text), p.offset)

    def column(self, line: int, text: str, index: int = 0) -> int:
        """The 1-based column of character `index` of the paragraph `text` on `line`."""
        return self._offsets.get((line, text), 0) + index + 1

    def of(self, paragraph: Paragraph, index: int = 0) -> int:
        """The 1-based column of character `index` of `paragraph`."""
        return self.column(paragraph.line, paragraph.text, index)
