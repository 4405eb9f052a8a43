"""ZG702: half-width punctuation (, ; : ? ! and ASCII parentheses) inside Chinese sentences."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.markers import match_marker
from zhenggai.documents.model import Report

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = regex.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201f]")
_CANDIDATE = regex.compile(r"[,;:?!()]")
#: Latin text where ASCII punctuation belongs: URLs, e-mail addresses, times, numbers.
_LATIN_SPAN = regex.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\d+[:,]\d+")


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """One finding per paragraph: where the first one is and how many there are."""
    for p in report.paragraphs:
        text = p.text
        if _CANDIDATE.search(text) is None:
            continue
        marker = match_marker(text)  # (一) in a heading marker: ZG206 reports it once
        positions = _positions(text, len(marker.text) if marker is not None else 0)
        if not positions:
            continue
        first = positions[0]
        ch = text[first]
        more = f"本段共{len(positions)}处半角标点，" if len(positions) > 1 else ""
        message = f"中文句子中使用了半角标点“{ch}”，{more}请改为全角“{_FULL[ch]}”"
        yield Finding("ZG702", "warning", message, p.line, p.offset + first + 1, excerpt(text, first))


def _positions(text: str, start: int) -> list[int]:
    latin = [range(m.start(), m.end()) for m in _LATIN_SPAN.finditer(text)]
    found = []
    for m in _CANDIDATE.finditer(text, start):
        i = m.start()
        if any(i in span for span in latin):
            continue
        if _chinese_side(text, i):
            found.append(i)
    return found


def _chinese_side(text: str, i: int) -> bool:
    """True when the mark touches Chinese text on either side."""
    return bool(_CJK.match(text[i - 1 : i]) or _CJK.match(text[i + 1 : i + 2]))


RULE = Rule(
    "half-width-punctuation",
    ("ZG702",),
    "中文句子中使用了半角标点（, ; : ? ! 和半角括号），应改为全角",
    check,
)
