"""Small text helpers the rules share: excerpts, sentences, where a paragraph starts in its line."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.text import bigrams

__all__ = ["EXCERPT_WIDTH", "bigrams", "excerpt", "sentences"]

EXCERPT_WIDTH = 30
_SENTENCE_END = regex.compile(r"[。！？；!?;]")


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
