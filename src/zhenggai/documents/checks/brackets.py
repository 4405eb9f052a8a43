"""ZG706: quotation marks, book-title marks and brackets opened and never closed (or closed unopened)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.markers import match_marker
from zhenggai.documents.model import Report

_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’"}
_OPENERS = {v: k for k, v in _PAIRS.items()}
_MARK = re.compile("[“”《》（）【】‘’]")


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """One finding per paragraph: the first mark left unmatched."""
    for p in report.paragraphs:
        text = p.text
        if _MARK.search(text) is None:
            continue
        marker = match_marker(text)
        bad = _unmatched(text, len(marker.text) if marker is not None else 0)
        if bad is None:
            continue
        ch = text[bad]
        if ch in _PAIRS:
            message = f"“{ch}”没有对应的“{_PAIRS[ch]}”，请补全或删去"
        else:
            message = f"“{ch}”前面没有对应的“{_OPENERS[ch]}”，请补全或删去"
        yield Finding("ZG706", "warning", message, p.line, p.offset + bad + 1, excerpt(text, bad))


def _unmatched(text: str, start: int) -> int | None:
    """The index of the first mark without its partner, or None when all pair up."""
    stack: list[int] = []
    for m in _MARK.finditer(text, start):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stack.append(i)
        elif ch in _OPENERS:
            if stack and text[stack[-1]] == _OPENERS[ch]:
                stack.pop()
            elif any(text[j] == _OPENERS[ch] for j in stack):
                return stack[-1]  # an inner mark left open inside an outer pair
            else:
                return i
    return stack[0] if stack else None


RULE = Rule("brackets", ("ZG706",), "引号、书名号、括号不成对", check)
