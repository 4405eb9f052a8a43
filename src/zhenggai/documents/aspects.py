"""Aspects (方面): the ones a notice requires, and which aspect each problem item answers."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.markers import chinese_to_int, enum_marker_at_start, find_enum_markers, match_marker
from zhenggai.documents.overlap import coverage, weighted_bigrams
from zhenggai.documents.text import bigrams

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from zhenggai.documents.model import Item, Report

_CLOSING = "；;。.，,：: "
_INTRO = regex.compile(r"方面|对照|检视|查摆|检查|剖析|重点内容|重点围绕")
_COUNT = regex.compile(r"(?:以下|下列|如下|从|围绕)\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*个?\s*方面")


def clean_aspect(text: str) -> str:
    """An aspect as the notice words it, without its marker and its closing punctuation."""
    text = text.strip()
    marker = match_marker(text)
    if marker is not None:
        text = text[len(marker.text) :]
    else:
        enum = enum_marker_at_start(text)
        if enum is not None:
            text = text[enum.end :]
    cut = min((i for i in (text.find("；"), text.find(";")) if i > 0), default=len(text))
    return text[:cut].strip().rstrip(_CLOSING).strip()


def aspects_of_notice(report: Report) -> list[str]:
    """The aspects a notice requires: its best list of 方面, inline (一是…；二是…) or as items."""
    candidates: list[tuple[float, list[str]]] = []
    for part in report.parts:
        intro = part.heading + "".join(p.text for p in part.paragraphs[1:3])
        if len(part.items) >= 2:
            aspects = [clean_aspect(i.heading) for i in part.items]
            candidates.append((_score(aspects, intro), aspects))
    for p in report.paragraphs:
        inline = _inline_list(p.text)
        if inline:
            aspects, intro = inline
            candidates.append((_score(aspects, intro) + 1, aspects))
    candidates = [c for c in candidates if c[0] >= 6]
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    return []


def aspects_of_plain_list(lines: list[str]) -> list[str]:
    """A plain list given instead of a notice: one aspect a line."""
    return [a for a in (clean_aspect(line) for line in lines) if a]


def _inline_list(text: str) -> tuple[list[str], str] | None:
    markers = [m for m in find_enum_markers(text) if m.kind in ("shi", "ordinal")]
    run, expected = [], 1
    for m in markers:
        if m.number == expected:
            run.append(m)
            expected += 1
    if len(run) < 2:
        return None
    aspects = []
    for i, m in enumerate(run):
        end = run[i + 1].start if i + 1 < len(run) else len(text)
        segment = text[m.end : end]
        cut = min((segment.find(c) for c in "；。;" if c in segment), default=len(segment))
        aspects.append(segment[:cut].strip().rstrip(_CLOSING))
    return aspects, text[: run[0].start]


def _score(aspects: list[str], intro: str) -> float:
    score = 0.0
    for a in aspects:
        if "方面" in a or a.startswith(("带头", "在")):
            score += 3
        if len(a) > 120:
            score -= 2
    if _INTRO.search(intro):
        score += 4
    m = _COUNT.search(intro)
    if m is not None and chinese_to_int(m.group("n")) == len(aspects):
        score += 6
    return score


def match_items_to_aspects(report: Report, aspects: list[str]) -> None:
    """Set `aspect` on each problem item that answers one of `aspects` (by shared wording)."""
    items = [i for part in report.parts if part.role == "problems" for i in part.items]
    if not items or not aspects:
        return
    for item, (index, _) in zip(items, assign(aspects, [_item_text(i) for i in items]), strict=True):
        if index is not None:
            item.aspect, item.aspect_index = aspects[index], index


def _item_text(item: Item) -> str:
    heading = item.heading[len(item.marker) :]
    return heading if len(heading) >= 6 else item.text[:200]


def assign(aspects: list[str], texts: list[str], threshold: float = 0.3) -> list[tuple[int | None, float]]:
    """For each text, the index of the aspect it answers (or None) and the score, one-to-one first."""
    grams, weight = weighted_bigrams(aspects)
    scores = []
    for t, text in enumerate(texts):
        tg = bigrams(text)
        for a, ag in enumerate(grams):
            scores.append((coverage(ag, tg, weight), t, a))
    scores.sort(reverse=True)
    result: list[tuple[int | None, float]] = [(None, 0.0)] * len(texts)
    used: set[int] = set()
    for s, t, a in scores:
        if s < threshold:
            break
        if result[t][0] is None and a not in used:
            result[t] = (a, s)
            used.add(a)
    for s, t, a in scores:  # a second item may answer an aspect already answered, if clearly
        if s >= max(threshold, 0.5) and result[t][0] is None:
            result[t] = (a, s)
    return result
