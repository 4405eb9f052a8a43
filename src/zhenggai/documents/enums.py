"""Enumerations inside an item: 一是…二是…, 第一，…第二，…, 首先…其次…, inline 1. 2. 3."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.markers import CIRCLED, EnumMarker, find_enum_markers
from zhenggai.documents.model import Enum

_INLINE_ARABIC = regex.compile(r"(?:(?<=[。；;：:])|^)\s*(?P<n>\d{1,2})\s*[.、．](?![\d.．])")
# "分为四个部分，一是…": a sentence listing sections of the document is not an enumeration.
_SECTION_LIST = regex.compile(r"(?:分为|包括|包含|共有|由)[^。；]{0,12}(?:部分|章节|板块|环节|步骤)")
_LAST = 99
_DIGIT = regex.compile(r"\d")


_INLINE_PAREN = regex.compile(r"[（(](?P<n>\d{1,2})[）)]")
_INLINE_CIRCLED = regex.compile(f"[{CIRCLED}]")
_BOUNDARY = "。；;：:，,！？!? "


def _numbered_markers(text: str) -> list[EnumMarker]:
    """Inline 1. 2. after a sentence end, and （1） or ① at the start or after punctuation."""
    found = (
        [
            EnumMarker("arabic", int(m.group("n")), m.start("n"), m.end(), m.group(0).strip())
            for m in _INLINE_ARABIC.finditer(text)
        ]
        if _DIGIT.search(text)  # the slow search needs a digit: most paragraphs have none
        else []
    )
    if "（" in text or "(" in text:
        found += [
            EnumMarker("paren", int(m.group("n")), m.start(), m.end(), m.group(0))
            for m in _INLINE_PAREN.finditer(text)
            if m.start() == 0 or text[m.start() - 1] in _BOUNDARY
        ]
    found += [
        EnumMarker("circled", CIRCLED.index(m.group(0)) + 1, m.start(), m.end(), m.group(0))
        for m in _INLINE_CIRCLED.finditer(text)
        if m.start() == 0 or text[m.start() - 1] in _BOUNDARY
    ]
    return found


def enums_of_texts(texts: list[tuple[str, int, int]]) -> list[Enum]:
    """The longest run 1, 2, 3… of one kind of enumeration marker across `texts`.

    `texts` are (text, line, column offset) of the paragraphs of one item in order. A run needs two
    markers at least: a lone 一是 enumerates nothing.
    """
    found: list[tuple[EnumMarker, int, int, str]] = []
    for text, line, offset in texts:
        if not text:
            continue
        markers = find_enum_markers(text) + _numbered_markers(text)
        markers.sort(key=lambda m: m.start)
        for marker in markers:
            if _in_section_list(text, marker.start):
                continue
            found.append((marker, line, offset, text))
    by_kind: dict[str, list[tuple[EnumMarker, int, int, str]]] = {}
    for f in found:
        by_kind.setdefault(f[0].kind, []).append(f)
    best: list[tuple[EnumMarker, int, int, str]] = []
    for kind in ("shi", "ordinal", "arabic", "paren", "circled", "sequence"):
        run = _run(by_kind.get(kind, []))
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return []
    enums: list[Enum] = []
    for i, (marker, line, offset, text) in enumerate(best):
        nxt = best[i + 1] if i + 1 < len(best) else None
        end = nxt[0].start if nxt is not None and nxt[3] is text else len(text)
        enums.append(Enum(marker.text, text[marker.end : end].strip(), line, offset + marker.start + 1))
    return enums


def _run(found: list[tuple[EnumMarker, int, int, str]]) -> list[tuple[EnumMarker, int, int, str]]:
    run: list[tuple[EnumMarker, int, int, str]] = []
    expected = 1
    for f in found:
        n = f[0].number
        if n == expected or (n == _LAST and expected > 1):
            run.append(f)
            expected = expected + 1 if n != _LAST else _LAST + 1
    return run


def _in_section_list(text: str, pos: int) -> bool:
    start = max(text.rfind("。", 0, pos), text.rfind("；", 0, pos)) + 1
    return _SECTION_LIST.search(text, start, pos) is not None
