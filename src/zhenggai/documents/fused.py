"""Split a whole outline fused into one paragraph (text copied from some web pages) back apart."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.markers import CN_NUMERAL, chinese_to_int
from zhenggai.documents.model import Paragraph

_ENDS = "。！？；!?;”："
_CANDIDATE = regex.compile(
    rf"(?P<l1>[{CN_NUMERAL}]{{1,3}})[、．.]"
    rf"|[（(](?P<l2>[{CN_NUMERAL}]{{1,3}})[）)]"
    r"|(?P<l3>\d{1,2})[、．.](?![\d.．])"
    r"|[（(](?P<l4>\d{1,2})[）)]"
)
#: How far a first child marker may follow its parent heading when no punctuation separates them.
_HEAD_REACH = 45


_ANY_GLUED = regex.compile(rf"[{_ENDS}.][{CN_NUMERAL}]{{1,3}}[、．.]")


def is_fused(text: str, last_l1: int = 0) -> bool:
    """True when one paragraph holds several top-level headings in sequence (after `last_l1`)."""
    if len(text) < 200 or _ANY_GLUED.search(text) is None:
        return False
    expected = last_l1 + 1
    found = 0
    for m in _CANDIDATE.finditer(text):
        raw = m.group("l1")
        if raw is None or not _after_end(text, m.start()):
            continue
        if chinese_to_int(raw) == expected:
            expected += 1
            found += 1
            if found >= 2:
                return True
    return False


def unfuse(p: Paragraph, last_l1: int = 0) -> list[Paragraph]:
    """Cut a fused paragraph before each heading marker that continues its level's sequence."""
    text = p.text
    counters = [0, last_l1, 0, 0, 0]
    cuts: list[tuple[int, int]] = []  # (position, level)
    for m in _CANDIDATE.finditer(text):
        level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4"), 1) if m.group(g) is not None)
        number = chinese_to_int(m.group(f"l{level}"))
        if number is None or number != counters[level] + 1:
            continue
        pos = m.start()
        if not (_after_end(text, pos) or _first_child(text, pos, level, number, cuts)):
            continue
        counters[level] = number
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        cuts.append((pos, level))
    pieces = _cut(p, [c[0] for c in cuts])
    out: list[Paragraph] = []
    for i, piece in enumerate(pieces):
        level = next((lv for pos, lv in cuts if pos == piece.offset - p.offset), 0)
        has_children = i + 1 < len(pieces) and _level_at(cuts, pieces[i + 1].offset - p.offset) > level
        if level == 1 and not has_children:
            out.extend(_split_enum_paragraphs(piece))
        elif level > 1 and not has_children:
            out.extend(_split_glued_enum(piece))
        else:
            out.append(piece)
    return out


def _split_glued_enum(piece: Paragraph) -> list[Paragraph]:
    """An own-line heading that lost its line end before 一是 ("（一）在学习方面一是…二是…")."""
    text = piece.text
    first = _ENUM.search(text, 0, _HEAD_REACH + 4)
    if first is None or chinese_to_int(first.group("n") or first.group("o")) != 1:
        return [piece]
    pos = first.start()
    if pos < 4 or any(c in "。；！？：:" for c in text[:pos]) or _ENUM.search(text, first.end()) is None:
        return [piece]
    return _cut(piece, [pos])


def _level_at(cuts: list[tuple[int, int]], pos: int) -> int:
    return next((lv for p, lv in cuts if p == pos), 0)


def _after_end(text: str, pos: int) -> bool:
    if pos == 0:
        return True
    before = text[pos - 1]
    if before == ".":
        return pos >= 2 and not text[pos - 2].isdigit()
    return before in _ENDS


def _first_child(text: str, pos: int, level: int, number: int, cuts: list[tuple[int, int]]) -> bool:
    """A first sub-heading glued to its parent heading ("二、存在的问题（一）在…")."""
    if number != 1 or not cuts:
        return False
    parent_pos, parent_level = cuts[-1]
    between = text[parent_pos:pos]
    return (
        parent_level < level and len(between) <= _HEAD_REACH and not any(ch in "。；！？" for ch in between)
    )


def _cut(p: Paragraph, positions: list[int]) -> list[Paragraph]:
    starts = sorted({0, *positions})
    ends = [*starts[1:], len(p.text)]
    return [Paragraph(p.text[a:b], p.line, p.offset + a) for a, b in zip(starts, ends, strict=True) if b > a]


_ENUM = regex.compile(rf"(?P<n>[{CN_NUMERAL}]{{1,3}})(?:是|要)|第(?P<o>[{CN_NUMERAL}]{{1,3}})[，,、]")


def _split_enum_paragraphs(piece: Paragraph) -> list[Paragraph]:
    """Inside a part with no sub-headings, 一是…/第一，… after a sentence end open new paragraphs."""
    text = piece.text
    expected, kind = 1, ""
    cuts: list[int] = []
    for m in _ENUM.finditer(text):
        this_kind = "shi" if m.group("n") else "ordinal"
        if chinese_to_int(m.group("n") or m.group("o")) != expected or (kind and this_kind != kind):
            continue
        pos = m.start()
        glued_to_heading = (
            expected == 1 and pos <= _HEAD_REACH and not any(c in "。；！？" for c in text[:pos])
        )
        ends = "。！？!?：:" if expected == 1 else "。！？!?"
        if (pos and text[pos - 1] in ends) or glued_to_heading:
            cuts.append(pos)
            kind = this_kind
            expected += 1
    if len(cuts) < 2:
        return [piece]
    return _cut(piece, cuts)
