"""ZG706: quotation marks, book-title marks and brackets opened and never closed (or closed unopened)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.markers import match_marker
from zhenggai.documents.model import Paragraph, Report

_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’"}
_OPENERS = {v: k for k, v in _PAIRS.items()}
_MARK = regex.compile("[“”《》（）【】‘’]")
#: A paragraph that ends otherwise was cut mid-sentence (hard-wrapped text): its marks may close below.
_SENTENCE_END = tuple("。！？；!?;")

Open = tuple[Paragraph, int]


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """At most one finding per paragraph: the first mark left unmatched."""
    stack: list[Open] = []
    for p in report.paragraphs:
        text = p.text
        if _MARK.search(text) is not None:
            marker = match_marker(text)
            bad = _pair(p, len(marker.text) if marker is not None else 0, stack)
            if bad is not None:
                yield _finding(bad)
                stack.clear()
        if stack and text.endswith(_SENTENCE_END):
            yield _finding(stack[0])
            stack.clear()
    if stack:
        yield _finding(stack[0])


def _pair(p: Paragraph, start: int, stack: list[Open]) -> Open | None:
    """Match the marks of `p` against `stack` (marks still open above); the first mark without a partner."""
    for m in _MARK.finditer(p.text, start):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stack.append((p, i))
        elif stack and stack[-1][0].text[stack[-1][1]] == _OPENERS[ch]:
            stack.pop()
        elif any(q.text[j] == _OPENERS[ch] for q, j in stack):
            return stack[-1]  # an inner mark left open inside an outer pair
        else:
            return (p, i)
    return None


def _finding(where: Open) -> Finding:
    p, i = where
    ch = p.text[i]
    if ch in _PAIRS:
        message = f"“{ch}”没有对应的“{_PAIRS[ch]}”，请补全或删去"
    else:
        message = f"“{ch}”前面没有对应的“{_OPENERS[ch]}”，请补全或删去"
    return Finding("ZG706", "warning", message, p.line, p.offset + i + 1, excerpt(p.text, i))


RULE = Rule("brackets", ("ZG706",), "引号、书名号、括号不成对", check)
