"""Two versions of a report side by side: paragraphs kept, inserted, deleted or changed, and what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

RowKind = Literal["equal", "insert", "delete", "change"]

#: Paired paragraphs less alike than this are shown as one deleted and one inserted.
MIN_LIKENESS = 0.3
#: Blocks of changed paragraphs larger than this (old × new) are not paired (time stays bounded).
MAX_PAIRINGS = 2500


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a paragraph's text; `changed` marks what the other version does not have."""

    text: str
    changed: bool = False


@dataclass(slots=True)
class Row:
    """One row of the side-by-side view: the old paragraph (left) and the new one (right)."""

    kind: RowKind
    left_line: int | None
    right_line: int | None
    left: list[Segment] = field(default_factory=list)
    right: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class Comparison:
    """All rows, and how many paragraphs each kind of change touched."""

    rows: list[Row]

    @property
    def changed(self) -> bool:
        """True when any paragraph was inserted, deleted or changed."""
        return any(r.kind != "equal" for r in self.rows)

    def count(self, kind: RowKind) -> int:
        """How many rows are of `kind`."""
        return sum(1 for r in self.rows if r.kind == kind)


def compare_paragraphs(old: list[str], new: list[str]) -> Comparison:
    """Compare two versions given as their paragraphs (line numbers count from 1)."""
    rows: list[Row] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                Row("equal", i + 1, j + 1, [Segment(old[i])], [Segment(new[j])])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        elif tag == "delete":
            rows.extend(_deleted(old, i) for i in range(i1, i2))
        elif tag == "insert":
            rows.extend(_inserted(new, j) for j in range(j1, j2))
        else:
            rows.extend(_replaced(old, new, i1, i2, j1, j2))
    return Comparison(rows)


def compare_texts(old: str, new: str) -> Comparison:
    """Compare two versions given as text, one paragraph a line (blank lines ignored)."""
    return compare_paragraphs(_paragraphs(old), _paragraphs(new))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _deleted(old: list[str], i: int) -> Row:
    return Row("delete", i + 1, None, [Segment(old[i], True)], [])


def _inserted(new: list[str], j: int) -> Row:
    return Row("insert", None, j + 1, [], [Segment(new[j], True)])


def _replaced(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Row]:
    """Pair each old paragraph of the block with the most alike new one, keeping their order."""
    rows: list[Row] = []
    if (i2 - i1) * (j2 - j1) > MAX_PAIRINGS:
        return [*(_deleted(old, i) for i in range(i1, i2)), *(_inserted(new, k) for k in range(j1, j2))]
    j = j1
    for i in range(i1, i2):
        best, best_ratio = None, MIN_LIKENESS
        for k in range(j, j2):
            matcher = SequenceMatcher(None, old[i], new[k], autojunk=False)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            rows.append(_deleted(old, i))
            continue
        rows.extend(_inserted(new, k) for k in range(j, best))
        rows.append(_changed(old[i], new[best], i + 1, best + 1))
        j = best + 1
    rows.extend(_inserted(new, k) for k in range(j, j2))
    return rows


def _changed(a: str, b: str, left_line: int, right_line: int) -> Row:
    """A changed paragraph with the characters that differ marked on each side."""
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            _append(left, a[i1:i2], tag != "equal")
        if j2 > j1:
            _append(right, b[j1:j2], tag != "equal")
    return Row("change", left_line, right_line, left, right)


def _append(segments: list[Segment], text: str, changed: bool) -> None:
    if segments and segments[-1].changed == changed:
        segments[-1] = Segment(segments[-1].text + text, changed)
    else:
        segments.append(Segment(text, changed))
