"""Outline markers of Chinese official documents (一、（一）1.（1）①) and Chinese numerals."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (十八 → 18, 二十一 → 21, 一百零五 → 105), or of Arabic digits."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def int_to_chinese(n: int) -> str:
    """The Chinese numeral of 1 ≤ n < 100, as used in outline markers."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@record(frozen=True)
class MarkerStyle:
    """One style of heading marker: its nominal outline level and the pattern at paragraph start."""

    key: str
    level: int
    pattern: re.Pattern[str]
    label: str


_CN = f"[{CN_NUMERAL}]{{1,3}}"
# Order matters: the first style that matches at the start of a paragraph wins.
STYLES: tuple[MarkerStyle, ...] = (
    MarkerStyle("part", 1, regex.compile(rf"第(?P<n>{_CN})(?:部分|章)\s*[、.．：:，,]?"), "第一部分"),
    MarkerStyle("cn", 1, regex.compile(rf"(?P<n>{_CN})\s*[、．.]"), "一、"),
    MarkerStyle("cn_paren", 2, regex.compile(rf"[（(]\s*(?P<n>{_CN})\s*[）)]\s*[、．.]?"), "（一）"),
    MarkerStyle("arabic", 3, regex.compile(r"(?P<n>\d{1,2})\s*(?:、|[.．](?![.．]|\d{1,3}(?!\d)))"), "1."),
    MarkerStyle("arabic_paren", 4, regex.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[）)]"), "（1）"),
    MarkerStyle("circled", 5, regex.compile(rf"(?P<n>[{CIRCLED}])"), "①"),
    MarkerStyle("arabic_half_paren", 5, regex.compile(r"(?P<n>\d{1,2})\s*[)）](?![\d])"), "1)"),
)
STYLE_BY_KEY = {s.key: s for s in STYLES}
_PART_STYLES, _CN_STYLES, _PAREN_STYLES, _DIGIT_STYLES, _CIRCLED_STYLES = (
    tuple(s for s in STYLES if s.key in keys)
    for keys in (
        ("part",),
        ("cn",),
        ("cn_paren", "arabic_paren"),
        ("arabic", "arabic_half_paren"),
        ("circled",),
    )
)


@record(frozen=True)
class Marker:
    """A heading marker found at the start of a paragraph."""

    style: str
    level: int
    number: int
    text: str


def match_marker(text: str) -> Marker | None:
    """The heading marker that opens `text`, if any."""
    if not text:
        return None
    first = text[0]
    if first in CN_NUMERAL:  # each style can only open with its own characters: try only those
        styles = _CN_STYLES
    elif first in "（(":
        styles = _PAREN_STYLES
    elif first == "第":
        styles = _PART_STYLES
    elif first in CIRCLED:  # before isdigit(), which ① also passes
        styles = _CIRCLED_STYLES
    elif first.isdigit():
        styles = _DIGIT_STYLES
    else:
        return None
    for style in styles:
        m = style.pattern.match(text)
        if m is None:
            continue
        raw = m.group("n")
        number = CIRCLED.index(raw) + 1 if style.key == "circled" else chinese_to_int(raw)
        if number is None or number == 0:
            continue
        if len(text) == m.end():  # a bare marker is not a heading
            return None
        return Marker(style.key, style.level, number, m.group(0))
    return None


# Enumerations: 一是/一要/第一，/首先 at the start of a paragraph or after punctuation inside one.
# Three patterns rather than one alternation: each opens with a character or a class that the
# regex engine scans for in C, and no match of one can overlap a match of another (their
# characters differ), so together they find exactly what the alternation finds, in text order.
_ENUM_SHI = regex.compile(rf"(?P<n>[{CN_NUMERAL}][{CN_NUMERAL}]{{0,2}})(?:是|要)")
_ENUM_ORDINAL = regex.compile(rf"第(?P<o>{_CN})(?:[，,、：:；]|条[，,、：:]|方面[，,、：:])")
_ENUM_SEQUENCE = regex.compile(r"(?P<s>首先|其次|再次|最后|最後)(?=[，,、：:])")
_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3, "最后": 99, "最後": 99}
ENUM_BOUNDARY = "。；;！？!?，,：:、“”\"'（）() ."


@record(frozen=True)
class EnumMarker:
    """An enumeration marker found in text: its kind, number and position."""

    kind: str
    number: int
    start: int
    end: int
    text: str


def find_enum_markers(text: str) -> list[EnumMarker]:
    """Every 一是/第一，/首先 marker in `text` that stands at its start or after punctuation."""
    found: list[EnumMarker] = []
    for m in _ENUM_SHI.finditer(text):
        start = m.start()
        if (not start or text[start - 1] in ENUM_BOUNDARY) and (number := chinese_to_int(m.group("n"))):
            found.append(EnumMarker("shi", number, start, m.end(), m.group(0)))
    if "第" in text:
        for m in _ENUM_ORDINAL.finditer(text):
            start = m.start()
            if (not start or text[start - 1] in ENUM_BOUNDARY) and (number := chinese_to_int(m.group("o"))):
                found.append(EnumMarker("ordinal", number, start, m.end(), m.group(0)))
    for m in _ENUM_SEQUENCE.finditer(text):
        start = m.start()
        if not start or text[start - 1] in ENUM_BOUNDARY:
            found.append(EnumMarker("sequence", _SEQUENCE[m.group("s")], start, m.end(), m.group(0)))
    if len(found) > 1:
        found.sort(key=_start)
    return found


def _start(marker: EnumMarker) -> int:
    return marker.start


def enum_marker_at_start(text: str) -> EnumMarker | None:
    """The enumeration marker opening `text` (一是…, 第一，…, 首先，…), if any."""
    for marker in find_enum_markers(text[:8]):
        if marker.start == 0:
            return marker
    return None
