"""Last year against this year's report: problems its 上年度整改落实情况 part leaves out, measures it calls done."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from zhenggai.documents import regex
from zhenggai.documents.model import Paragraph, Report
from zhenggai.documents.overlap import coverage, weighted_bigrams

K = TypeVar("K", bound=Hashable)

#: A problem is mentioned when a paragraph holds this much of its weighted wording.
MENTION_THRESHOLD = 0.35
#: A done claim is about a measure when its paragraph holds this much of the measure's wording.
CLAIM_THRESHOLD = 0.3

# "已整改到位", "已全部完成整改", "均已完成", "已经落实到位", "已销号" …; never "未完成", "尚未整改到位".
_DONE = regex.compile(
    r"(?<![未没])已(?:经)?(?:全部|基本|全面|如期|按期)?(?:整改到位|整改完成|完成整改|完成|落实到位|办结|销号|整改)"
    r"|(?:全部|均|全面)(?:已)?(?:整改到位|完成整改|整改完成)"
)
_ALL = regex.compile(r"全部|均已|均|所有|各项|全面")
_SENTENCE = regex.compile(r"[^。！？!?；;]+[。！？!?；;]?")


@dataclass(frozen=True, slots=True)
class DoneClaim(Generic[K]):
    """A sentence of the 上年度整改落实情况 part that calls a measure done.

    `overall` is True for a sentence about the whole part ("11个问题已全部完成整改"), which claims
    every measure done; otherwise the sentence's paragraph names the measure (`score`, 0–1).
    """

    key: K
    sentence: str
    line: int
    score: float
    overall: bool = False


def previous_paragraphs(report: Report) -> list[Paragraph]:
    """The paragraphs of the report's 上年度整改落实情况 part(s), heading included."""
    return [p for part in report.parts if part.role == "previous_rectification" for p in part.paragraphs]


def unmentioned_problems(report: Report, problems: Sequence[tuple[K, str]]) -> list[K]:
    """The keys of last year's `problems` (key, text) that the 上年度整改落实情况 part does not mention."""
    paragraphs = [p.text for p in previous_paragraphs(report)]
    if not paragraphs:
        return [key for key, _ in problems]
    keys = [_key_text(text) for _, text in problems]
    texts = [text for _, text in problems]
    background = [p.text for p in report.paragraphs]
    grams, weight = weighted_bigrams([*keys, *texts, *paragraphs, *background])
    n = len(problems)
    para_grams = grams[2 * n : 2 * n + len(paragraphs)]
    missing = []
    for i, (key, _) in enumerate(problems):
        best = max(coverage(grams[i], pg, weight) if grams[i] else 0.0 for pg in para_grams)
        best = max(best, *(coverage(grams[n + i], pg, weight) for pg in para_grams))
        if best < MENTION_THRESHOLD:
            missing.append(key)
    return missing


def claimed_done(report: Report, measures: Sequence[tuple[K, str]]) -> list[DoneClaim[K]]:
    """Which of last year's open `measures` (key, text) the 上年度整改落实情况 part calls done."""
    paragraphs = previous_paragraphs(report)
    if not paragraphs or not measures:
        return []
    item_lines = {
        p.line
        for part in report.parts
        if part.role == "previous_rectification"
        for i in part.items
        for p in i.paragraphs
    }
    heading_lines = {part.line for part in report.parts if part.role == "previous_rectification"}
    claims: list[tuple[Paragraph, str, bool]] = []
    for p in paragraphs:
        for sentence in _SENTENCE.findall(p.text):
            if _DONE.search(sentence):
                overall = (
                    p.line not in item_lines and p.line not in heading_lines and bool(_ALL.search(sentence))
                )
                claims.append((p, sentence.strip(), overall))
    if not claims:
        return []
    texts = [text for _, text in measures]
    contexts = [p.text for p, _, _ in claims]
    grams, weight = weighted_bigrams([*texts, *contexts, *(p.text for p in report.paragraphs)])
    found: list[DoneClaim[K]] = []
    general = next(((p, s) for p, s, overall in claims if overall), None)
    for i, (key, _) in enumerate(measures):
        best: DoneClaim[K] | None = None
        for c, (paragraph, sentence, overall) in enumerate(claims):
            if overall:
                continue
            score = coverage(grams[i], grams[len(texts) + c], weight)
            if score >= CLAIM_THRESHOLD and (best is None or score > best.score):
                best = DoneClaim(key, sentence, paragraph.line, round(score, 3))
        if best is None and general is not None:
            best = DoneClaim(key, general[1], general[0].line, 1.0, overall=True)
        if best is not None:
            found.append(best)
    return found


def _key_text(text: str) -> str:
    """The part of a problem that names it: its first sentence when the text is long."""
    first = _SENTENCE.match(text)
    return first.group(0) if first and len(text) > 40 else text


__all__ = [
    "CLAIM_THRESHOLD",
    "MENTION_THRESHOLD",
    "DoneClaim",
    "claimed_done",
    "previous_paragraphs",
    "unmentioned_problems",
]
