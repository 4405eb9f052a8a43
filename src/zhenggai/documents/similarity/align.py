"""The passages two texts share: sentences matched by shingle Jaccard, neighbours merged into passages.

For each sentence of the left text, the right sentence sharing the most of its shingles (an
inverted index, so only sentences with a common shingle are compared) is its match when their
Jaccard similarity is at least SENTENCE_JACCARD, or when one holds nearly all of the other
(CONTAINMENT: a sentence split in two or two joined in one). Matched left sentences that follow
one another — only sentences without any shingle of their own may lie between — form one passage
when their matches lie near one another on the right (within GAP sentences of the passage so far,
in any order: swapped or moved sentences stay one passage). A passage is reported when it holds
at least MIN_PASSAGE_SHINGLES shingles that are not boilerplate.

A passage is `verbatim` when both sides are the same after normalising (punctuation, spaces,
width, numbers and placeholders), else `edited`; its similarity is the Jaccard similarity of the
two sides' shingles (boilerplate left out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from zhenggai.documents.similarity.texts import Sentence, Text

SENTENCE_JACCARD = 0.4
CONTAINMENT = 0.8
#: Sentences with fewer shingles than this (after boilerplate) are never matched on their own.
MIN_SENTENCE_SHINGLES = 6
GAP = 2
MIN_PASSAGE_SHINGLES = 15

Kind = Literal["verbatim", "edited"]


@dataclass(frozen=True, slots=True)
class Span:
    """Where one side of a passage lies: offsets in the whole text, (line, column) of its first
    and last characters, and the text itself."""

    start: int
    end: int
    first: tuple[int, int]
    last: tuple[int, int]
    text: str

    def to_json(self) -> dict[str, object]:
        """The JSON form of `zhenggai similar --json`."""
        return {
            "start": self.start,
            "end": self.end,
            "from": {"line": self.first[0], "column": self.first[1]},
            "to": {"line": self.last[0], "column": self.last[1]},
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage found in both texts."""

    left: Span
    right: Span
    similarity: float
    kind: Kind
    #: Characters of the left side (normalised): how much of the left text it covers.
    size: int
    left_sentences: tuple[int, ...]
    right_sentences: tuple[int, ...]


def match_sentences(left: Text, right: Text) -> dict[int, int]:
    """Left sentence index → its matching right sentence index."""
    index: dict[str, list[int]] = defaultdict(list)
    for sentence in right.sentences:
        for shingle in sentence.shingles:
            index[shingle].append(sentence.index)
    matches: dict[int, int] = {}
    for sentence in left.sentences:
        if len(sentence.shingles) < MIN_SENTENCE_SHINGLES:
            continue
        shared = Counter(j for s in sentence.shingles for j in index.get(s, ()))
        best, best_score = -1, 0.0
        for j, inter in shared.items():
            other = right.sentences[j].shingles
            if len(other) < MIN_SENTENCE_SHINGLES:
                continue
            jaccard = inter / (len(sentence.shingles) + len(other) - inter)
            contained = inter / min(len(sentence.shingles), len(other))
            if (jaccard >= SENTENCE_JACCARD or contained >= CONTAINMENT) and jaccard > best_score:
                best, best_score = j, jaccard
        if best >= 0:
            matches[sentence.index] = best
    return matches


def align(left: Text, right: Text) -> list[Passage]:
    """The passages `left` shares with `right`, in the order of `left`."""
    matches = match_sentences(left, right)
    groups: list[list[int]] = []
    for i in sorted(matches):
        if groups and _joins(left, right, groups[-1], i, matches):
            groups[-1].append(i)
        else:
            groups.append([i])
    passages = [_passage(left, right, group, matches) for group in groups]
    return [p for p in passages if p is not None]


def _joins(left: Text, right: Text, group: list[int], i: int, matches: dict[int, int]) -> bool:
    """Whether left sentence `i` continues the passage `group`."""
    between = left.sentences[group[-1] + 1 : i]
    if any(s.shingles or s.masked for s in between):
        return False
    taken = [matches[g] for g in group]
    j = matches[i]
    return min(taken) - GAP <= j <= max(taken) + GAP and not any(
        right.sentences[k].masked for k in range(min(j, *taken), max(j, *taken) + 1)
    )


def _passage(left: Text, right: Text, group: list[int], matches: dict[int, int]) -> Passage | None:
    """The passage of a group of matched left sentences, or None when it is too small."""
    right_range = range(min(matches[i] for i in group), max(matches[i] for i in group) + 1)
    left_sentences = [left.sentences[i] for i in range(group[0], group[-1] + 1)]
    right_sentences = [right.sentences[j] for j in right_range]
    a = frozenset().union(*(s.shingles for s in left_sentences))
    b = frozenset().union(*(s.shingles for s in right_sentences))
    if len(a) < MIN_PASSAGE_SHINGLES:
        return None
    same = "".join(s.normal for s in left_sentences) == "".join(s.normal for s in right_sentences)
    return Passage(
        _span(left, left_sentences),
        _span(right, right_sentences),
        round(len(a & b) / len(a | b), 3),
        "verbatim" if same else "edited",
        sum(len(s.normal) for s in left_sentences),
        tuple(group),
        tuple(right_range),
    )


def _span(text: Text, sentences: list[Sentence]) -> Span:
    """The span from the first normalised character of `sentences` to their last."""
    first = next(s for s in sentences if s.starts)
    last = next(s for s in reversed(sentences) if s.ends)
    start = text.offset(first.paragraph, first.starts[0])
    end = text.offset(last.paragraph, last.ends[-1])
    return Span(
        start,
        end,
        text.position(first.paragraph, first.starts[0]),
        text.position(last.paragraph, last.ends[-1] - 1),
        text.whole[start:end],
    )


def share(text: Text, passages: list[Passage]) -> float:
    """The share (0–1) of the text's comparable characters that `passages` cover on its side."""
    total = sum(len(s.normal) for s in text.sentences if not s.masked)
    covered = {i for p in passages for i in range(p.left_sentences[0], p.left_sentences[-1] + 1)}
    return sum(len(text.sentences[i].normal) for i in covered) / total if total else 0.0
