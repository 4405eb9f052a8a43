"""ZG101: placeholders of a template left unfilled (XX, ×××, ○○, 某某, 【待补】)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report

#: An x inside a web or e-mail address is part of the address, not a blank.
_ADDRESS = regex.compile(r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[\w.+-]+@[\w-]+\.[\w.]+")


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """One error per placeholder the parser found."""
    text_at = {(p.line, p.offset): p.text for p in report.paragraphs}
    starts: dict[int, list[int]] = {}
    for line, offset in text_at:
        starts.setdefault(line, []).append(offset)
    for ph in report.placeholders:
        offset = max((o for o in starts.get(ph.line, [0]) if o < ph.column), default=0)
        text = text_at.get((ph.line, offset), "")
        if _in_address(text, ph.column - offset - 1):
            continue
        yield Finding(
            "ZG101",
            "error",
            f"占位符“{ph.text}”未填写，请填入实际内容",
            ph.line,
            ph.column,
            excerpt(text, ph.column - offset - 1),
        )


def _in_address(text: str, index: int) -> bool:
    if "/" not in text and "@" not in text and "www" not in text:
        return False
    return any(m.start() <= index < m.end() for m in _ADDRESS.finditer(text))


RULE = Rule(
    "placeholders",
    ("ZG101",),
    "模板中的占位符（X、XX、×××、○○、某某、【待补】等）未填写",
    check,
)
