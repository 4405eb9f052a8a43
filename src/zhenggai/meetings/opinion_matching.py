"""Which opinions routed to a member are answered by a problem of his report (pure, no database).

An opinion is answered when one problem item shares enough of its key words (character bigrams,
rarer ones weigh more) — a little less is enough when the problem sits under the opinion's aspect.
The office confirms or overrides each result; this only proposes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from zhenggai.documents import Report
from zhenggai.ledger.search import tokens

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
    """The best answer found for one opinion: its key, whether it is enough (score at least the
    threshold), the problem item (None when no item scores above zero) and the score.
    """

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
    df = Counter(g for gs in item_grams for g in gs)
    n = max(len(items), 1)
    rare = math.log(1 + n)

    def weight(g: str) -> float:
        return math.log(1 + n / df[g]) if g in df else rare

    out = []
    for opinion in opinions:
        grams = _grams(opinion.text)
        total = sum(weight(g) for g in grams) or 1.0
        best: tuple[float, ProblemItem | None] = (0.0, None)
        for item, ig in zip(items, item_grams, strict=True):
            score = sum(weight(g) for g in grams & ig) / total
            if same_aspect(opinion.aspect, item.aspect):
                score += ASPECT_BONUS
            if score > best[0]:
                best = (score, item)
        best_score, best_item = best
        out.append(OpinionMatch(opinion.key, best_score >= threshold, best_item, round(best_score, 3)))
    return out


def match_report(opinions: Sequence[OpinionText], report: Report) -> list[OpinionMatch]:
    """`match_opinions` against the problem items of `report`."""
    return match_opinions(opinions, problem_items(report))
