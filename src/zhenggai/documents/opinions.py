"""Which opinions routed to a member are answered by a problem of his report.

An opinion is answered when one problem item shares enough of its key words (character bigrams,
rarer ones weigh more) — a little less is enough when the problem sits under the opinion's aspect.
The office confirms or overrides each result; this only proposes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from zhenggai.documents.model import Report
from zhenggai.documents.overlap import bigram_weights, coverage
from zhenggai.documents.text import tokens

#: Share of the opinion's (weighted) key words a problem must repeat to answer it.
THRESHOLD = 0.3
#: What sitting under the same aspect adds to the share.
ASPECT_BONUS = 0.15


@dataclass(frozen=True)
class OpinionText:
    """An opinion to check: any key the caller likes, its text and the aspect it was tagged with."""

    key: object
    text: str
    aspect: str | None = None


@dataclass(frozen=True)
class ProblemItem:
    """One problem of a report: its text, the aspect it is written under, and where it is."""

    text: str
    aspect: str | None
    line: int


@dataclass(frozen=True)
class OpinionMatch:
    """The problem item answering an opinion best (None if none shares a word), its score, and if that is enough."""

    key: object
    answered: bool
    item: ProblemItem | None
    score: float


def problem_items(report: Report) -> list[ProblemItem]:
    """The problems of a report: each enumeration (一是…) of a problems item, or the item itself."""
    out = []
    for part in report.parts:
        if part.role != "problems":
            continue
        for item in part.items:
            aspect = item.aspect or item.heading
            if item.enums:
                out += [ProblemItem(e.text, aspect, e.line) for e in item.enums]
            else:
                text = item.text if item.text.startswith(item.heading) else f"{item.heading}{item.text}"
                out.append(ProblemItem(text, aspect, item.line))
    return out


def _grams(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) >= 2}


def same_aspect(a: str | None, b: str | None) -> bool:
    """True when two wordings name the same aspect (most of the shorter one's bigrams are shared)."""
    if not a or not b:
        return False
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return False
    return len(ga & gb) / min(len(ga), len(gb)) >= 0.6


def match_opinions(
    opinions: Sequence[OpinionText], items: Sequence[ProblemItem], threshold: float = THRESHOLD
) -> list[OpinionMatch]:
    """For each opinion, the problem item that answers it best, and whether that is enough."""
    item_grams = [_grams(i.text) for i in items]
    # A word no problem uses weighs as much as the rarest: the opinion says something they do not.
    rarest = math.log(1 + max(len(items), 1))
    weight = defaultdict(lambda: rarest, bigram_weights(item_grams))
    out = []
    for opinion in opinions:
        grams = _grams(opinion.text)
        best: tuple[float, ProblemItem | None] = (0.0, None)
        for candidate, ig in zip(items, item_grams, strict=True):
            score = coverage(grams, ig, weight)
            if same_aspect(opinion.aspect, candidate.aspect):
                score += ASPECT_BONUS
            if score > best[0]:
                best = (score, candidate)
        score, item = best
        out.append(OpinionMatch(opinion.key, score >= threshold, item, round(score, 3)))
    return out


def match_report(opinions: Sequence[OpinionText], report: Report) -> list[OpinionMatch]:
    """`match_opinions` against the problem items of `report`."""
    return match_opinions(opinions, problem_items(report))
