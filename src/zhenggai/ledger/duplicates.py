"""Is this problem already in the ledger? Texts compared normalised, and near-duplicates by similarity.

Used by the Excel import (a file without keys matches existing rows by source and normalised text)
and by report → ledger and feedback → ledger, which flag a proposed problem whose text is already
in the source instead of adding it a second time.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from zhenggai.ledger.models import Problem, Source

#: Two problem texts at least this similar (difflib's ratio on normalised text) are the same problem.
SIMILAR = 0.85
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_MARKERS = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[一二三四五六七八九十]是)"
)


def normalised(text: str) -> str:
    """The text without numbering, spaces and punctuation, full-width folded: what two copies share."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _NOISE.sub("", _MARKERS.sub("", text))


def similarity(a: str, b: str) -> float:
    """How alike two texts are once normalised, 0 to 1."""
    left, right = normalised(a), normalised(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


@dataclass(frozen=True)
class Similar:
    """A problem already in the ledger that a proposed text repeats."""

    problem: Problem
    score: float

    def __str__(self) -> str:
        return f"台账中已有相近问题：第{self.problem.number}个问题“{self.problem.description[:40]}”"


def already_in(source: Source, text: str, exclude: set[int] | None = None) -> Similar | None:
    """The problem of `source` most like `text` when it is at least SIMILAR, else None."""
    best: Similar | None = None
    for problem in Problem.objects.filter(source=source).only("pk", "number", "description", "source_id"):
        if exclude and problem.pk in exclude:
            continue
        score = similarity(text, problem.description)
        if score >= SIMILAR and (best is None or score > best.score):
            best = Similar(problem, score)
    return best
