"""Undo the damage copying does to documents: page footers, hard-wrapped lines, fused paragraphs."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.fused import is_fused, unfuse
from zhenggai.documents.markers import CN_NUMERAL, chinese_to_int, enum_marker_at_start, match_marker
from zhenggai.documents.model import Paragraph
from zhenggai.documents.text import clean_line, display_width

_NOISE = regex.compile(
    r"^(?:"
    r"第\s*\d+\s*[页頁]\s*[,，/／]?\s*(?:共\s*\d+\s*[页頁])?"
    r"|共\s*\d+\s*[页頁]\s*[,，/／]?\s*第\s*\d+\s*[页頁]"
    r"|[-—–－]\s*\d{1,3}\s*[-—–－]"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|(?:Page|page)\s*\d+(?:\s*of\s*\d+)?"
    r"|(?:上一篇|下一篇|责任编辑|分享到|打印本页|关闭窗口|【?字号】?|浏览次数|扫一扫)[:：].*"
    r"|(?:首页|当前位置|您现在的位置|您的位置)\s*[>＞»:：].{0,150}"
    r"|.{0,100}(?:发布时间|浏览次数|【字体|字体[:：]\s*大|【打印本页】|【关闭窗口】).{0,100}"
    r"|[（(【]?(?:未完待续|未完，?待续|全文完|内容过长.*|本文有删节.*|点击查看全文.*)[）)】]?"
    r")$"
)

_SENTENCE_END = "。！？；!?;”"
_GLUED_L1 = regex.compile(rf"(?:(?<=[{_SENTENCE_END}])|(?<=[^\d]\.))(?P<m>(?P<n>[{CN_NUMERAL}]{{1,3}})、)")
_GLUED_L2 = regex.compile(
    rf"(?:(?<=[{_SENTENCE_END}])|(?<=[^\d]\.))(?P<m>[（(](?P<n>[{CN_NUMERAL}]{{1,3}})[）)])"
)
# A heading glued after a sentence end, or a paragraph opening 一、…（一）. Two patterns rather
# than one alternation: a pattern opening with a character class is scanned for in C.
_GLUED_INSIDE = regex.compile(
    rf"[{_SENTENCE_END}.](?:[{CN_NUMERAL}]{{1,3}}[、．.]|[（(][{CN_NUMERAL}]{{1,3}}[）)])"
)
_GLUED_AT_START = regex.compile(rf"[{CN_NUMERAL}]{{1,3}}[、．.][^。！？；：:!?;]{{2,40}}?[（(]一[）)]")
_HEAD_THEN_L2 = regex.compile(r"(?P<head>[^。！？；：:!?;，,]{2,40}?)(?P<m>[（(]一[）)])")


def clean_paragraphs(texts: list[str]) -> list[Paragraph]:
    """Clean each line, drop empty ones, repair copy damage; `line` is the 1-based source line."""
    return repair([Paragraph(t, i) for i, raw in enumerate(texts, 1) if (t := clean_line(raw))])


def repair(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Drop page furniture, rejoin hard-wrapped lines and split glued headings."""
    paragraphs = [p for p in paragraphs if not _NOISE.match(p.text)]
    paragraphs = join_hard_wrapped(paragraphs)
    return split_fused(paragraphs)


def wrap_width(paragraphs: list[Paragraph]) -> int | None:
    """The width text was hard-wrapped at (as PDF extraction does), or None if it was not.

    Hard-wrapped lines pile up at one width and almost none is longer; real paragraphs spread.
    """
    if len(paragraphs) < 6 or sum(1 for p in paragraphs if len(p.text) <= 90) * 2 < len(paragraphs):
        return None  # most lines are long: real paragraphs, not a page's width
    widths = [display_width(p.text) for p in paragraphs]
    counts: dict[int, int] = {}  # a Counter, without importing collections (a start cost)
    for w in widths:
        if w >= 40:
            counts[w] = counts.get(w, 0) + 1
    best, best_n = 0, 0
    for w in counts:
        n = sum(c for v, c in counts.items() if w - 4 <= v <= w)
        if n > best_n or (n == best_n and w > best):
            best, best_n = w, n
    longer = sum(1 for w in widths if w > best + 4)
    if best_n < max(5, 0.25 * len(widths)) or longer > 0.1 * len(widths) or best > 160:
        return None
    return best


def join_hard_wrapped(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Rejoin lines of hard-wrapped text into the paragraphs they were."""
    width = wrap_width(paragraphs)
    if width is None:
        return paragraphs
    out: list[Paragraph] = []
    last_line = ""  # the previous physical line: out[-1] may hold several joined
    for p in paragraphs:
        title_done = len(out) == 1 and _TITLE_END.search(out[0].text) is not None
        if out and not title_done and _continues(last_line, p.text, width):
            prev = out[-1]
            glue = (
                " " if prev.text[-1:].isascii() and p.text[:1].isascii() and prev.text[-1:].isalnum() else ""
            )
            out[-1] = Paragraph(prev.text + glue + p.text, prev.line, prev.offset)
        else:
            out.append(p)
        last_line = p.text
    return out


_TITLE_END = regex.compile(r"(?:材料|通知|方案|报告|通报|提纲|意见|讲话|发言|清单|台账|情况)$")


def _continues(prev: str, text: str, width: int) -> bool:
    if display_width(prev) < width - 5:
        return False
    ended = (
        prev[-1:] in _SENTENCE_END + "：:"
        or (prev[-1:] == "." and not prev[-2:-1].isdigit())
        or (
            prev.endswith("方面") and match_marker(prev) is not None
        )  # a category heading as wide as the page
    )
    # A marker opening a line after a finished sentence starts a paragraph; after a full line
    # cut mid-sentence it is only where the page width happened to break ("…目标；（2）与…").
    return not (ended and (match_marker(text) is not None or enum_marker_at_start(text) is not None))


def split_fused(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Split paragraphs where a heading was glued to the end of the text before it."""
    out: list[Paragraph] = []
    # No 一、 heading yet but a paragraph opens with 二、: the 一、 is glued inside an earlier one.
    markers = [match_marker(p.text) for p in paragraphs]  # once per paragraph, for both uses below
    opened = {m.number for m in markers if m is not None and m.style == "cn"}
    last_l1 = -1 if 2 in opened and 1 not in opened else 0
    last_l2 = 0
    for p, marker_of_p in zip(paragraphs, markers, strict=True):
        if _GLUED_INSIDE.search(p.text) is None and _GLUED_AT_START.match(p.text) is None:  # most paragraphs
            pieces = [p]
        elif is_fused(p.text, max(last_l1, 0)):
            pieces = unfuse(p, max(last_l1, 0))
        else:
            pieces = _split_one(p, last_l1, last_l2)
        for piece in pieces:
            marker = marker_of_p if piece is p else match_marker(piece.text)
            if marker is not None and marker.level == 1 and marker.style == "cn":
                last_l1, last_l2 = marker.number, 0
            elif marker is not None and marker.style == "cn_paren":
                last_l2 = marker.number
        out.extend(pieces)
    return out


def _digit_dot(text: str, pos: int) -> bool:
    """The "." before `pos` belongs to a number (3.二、 is no sentence end)."""
    return text[pos - 1] == "." and pos >= 2 and text[pos - 2].isdigit()


def _split_one(p: Paragraph, last_l1: int, last_l2: int) -> list[Paragraph]:
    text = p.text
    cuts: list[int] = []
    for m in _GLUED_L1.finditer(text) if last_l1 and "、" in text else ():
        if _digit_dot(text, m.start("m")):
            continue
        if chinese_to_int(m.group("n")) == max(last_l1, 0) + 1:
            cuts.append(m.start("m"))
            last_l1 += 1
            last_l2 = 0
    for m in _GLUED_L2.finditer(text) if last_l2 else ():
        if _digit_dot(text, m.start("m")):
            continue
        n = chinese_to_int(m.group("n"))
        if n == last_l2 + 1 and last_l2 > 0:
            cuts.append(m.start("m"))
            last_l2 += 1
    starts = sorted({0, *cuts})
    pieces = [
        Paragraph(text[a:b], p.line, p.offset + a)
        for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
    ]
    result: list[Paragraph] = []
    for piece in pieces:
        marker = match_marker(piece.text)
        if marker is not None and marker.level == 1:
            glued = _HEAD_THEN_L2.match(piece.text, len(marker.text))
            if glued is not None:
                cut = glued.start("m")
                result.append(Paragraph(piece.text[:cut], piece.line, piece.offset))
                result.append(Paragraph(piece.text[cut:], piece.line, piece.offset + cut))
                continue
        result.append(piece)
    return result
