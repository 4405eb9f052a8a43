"""Score a feedback reader against the gold annotations of tests/corpus/feedback.

    .venv/bin/python -m tests.corpus.feedback.scoring [--engine current|mapping] [--part P] [DIR]

`--part tuning` (the default) scores the texts the reader may be tuned on and prints what each
lost; `held-out` and `all` include the texts it never was (bench/feedback.py prints their figures).

`current` scores `zhenggai feedback` (documents.feedback); `mapping` scores what the ledger page
proposes (documents.mapping.propose_feedback_problems): before documents.feedback it had its own
reading, whose first-sight figures the README keeps; now it reads through documents.feedback.

A found problem matches a gold problem when their texts open alike (the first 12 characters, NFKC,
whitespace ignored), pairs taken in document order. Its category is right when the two headings
read alike once markers, a leading 在 and end punctuation are set aside (a flat list: both "").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.corpus.scoring import f1

HERE = Path(__file__).resolve().parent
#: Texts the reader was never tuned on: scored only to report, never looked at while tuning.
#: Each has a sibling layout in the tuning part (f09 ~ f02, f10 ~ f05, f11 ~ f04, f12 ~ f02).
HELD_OUT = ("f09", "f10", "f11", "f12")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|问题\d+[：:])"
)
_ENDS = "。；;，,：:.、 "


@dataclass(slots=True)
class Found:
    """What a reader found in one document: (category heading, [(problem text, line)]), the claim."""

    categories: list[tuple[str, list[tuple[str, int]]]]
    claimed: dict[str, int | None] | None = None
    #: The reader says the claimed count differs from what it found.
    count_differs: bool = False


def norm(text: str) -> str:
    """Text compared: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def category_key(heading: str) -> str:
    """A category heading without its marker, a leading 在 and its end punctuation."""
    text = _MARKER.sub("", norm(heading))
    return text.removeprefix("在").rstrip(_ENDS)


def same_problem(gold: str, found: str) -> bool:
    """Two problem texts that open alike."""
    a, b = norm(gold), norm(found)
    k = min(12, len(a), len(b))
    return k >= 4 and a[:k] == b[:k]


def same_category(gold: str, found: str) -> bool:
    """Two category headings that name the same category."""
    a, b = category_key(gold), category_key(found)
    k = min(8, len(a), len(b))
    return (not a and not b) or (k >= 2 and a[:k] == b[:k])


@dataclass
class FeedbackScore:
    """Counts over documents; `summary()` gives the rates."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("gold", "found", "matched", "category", "exact", "line", "docs", "claim", "differs"), 0
        )
    )
    lost: list[str] = field(default_factory=list)

    def add(self, name: str, gold: dict[str, Any], found: Found) -> None:
        """Score one document."""
        t = self.counts
        golden = [(c["heading"], p["text"], p["line"]) for c in gold["categories"] for p in c["problems"]]
        got = [(heading, text, line) for heading, problems in found.categories for text, line in problems]
        t["gold"] += len(golden)
        t["found"] += len(got)
        lost: list[str] = []
        j = 0
        matched: set[int] = set()
        for g_heading, g_text, g_line in golden:
            k = next((k for k in range(j, len(got)) if same_problem(g_text, got[k][1])), None)
            if k is None:
                lost.append(f"missed 「{g_text[:18]}」")
                continue
            matched.add(k)
            j = k + 1
            t["matched"] += 1
            f_heading, f_text, f_line = got[k]
            if same_category(g_heading, f_heading):
                t["category"] += 1
            else:
                lost.append(f"category of 「{g_text[:12]}」: 「{f_heading[:16]}」≠「{g_heading[:16]}」")
            if norm(g_text).rstrip(_ENDS) == norm(f_text).rstrip(_ENDS):
                t["exact"] += 1
            else:
                lost.append(f"text 「{f_text[-14:]}」≠「{g_text[-14:]}」")
            t["line"] += g_line == f_line
        lost += [f"extra 「{got[k][1][:18]}」" for k in range(len(got)) if k not in matched]
        t["docs"] += 1
        if (gold["claimed"] or None) == (found.claimed or None):
            t["claim"] += 1
        else:
            lost.append(f"claimed {found.claimed} ≠ {gold['claimed']}")
        claimed = gold["claimed"]
        gold_differs = claimed is not None and (
            claimed["problems"] != len(golden)
            or claimed["categories"] not in (None, len([c for c in gold["categories"] if c["heading"]]))
        )
        if gold_differs == found.count_differs:
            t["differs"] += 1
        else:
            lost.append(f"count check: said {found.count_differs}, should say {gold_differs}")
        if lost:
            self.lost.append(f"{name}: " + "; ".join(lost))

    def summary(self) -> dict[str, float]:
        """Precision, recall and F1 of problems; of the matched ones, right category, exact text, line."""
        t = self.counts
        m = max(t["matched"], 1)
        return {
            "precision": t["matched"] / t["found"] if t["found"] else 0.0,
            "recall": t["matched"] / t["gold"] if t["gold"] else 0.0,
            "f1": f1(t["matched"], t["gold"], t["found"]),
            "category": t["category"] / m,
            "text": t["exact"] / m,
            "line": t["line"] / m,
            "claim": t["claim"] / max(t["docs"], 1),
            "count_check": t["differs"] / max(t["docs"], 1),
        }


def read_with_engine(path: Path) -> Found:
    """What `zhenggai feedback` reads in the file."""
    from zhenggai.documents.feedback import read_feedback_file

    feedback = read_feedback_file(path)
    return Found(
        [(c.heading, [(p.text, p.line) for p in c.problems]) for c in feedback.categories],
        None if feedback.claimed is None else feedback.claimed.to_json(),
        any(f.code == "ZG901" for f in feedback.findings),
    )


def read_with_mapping(path: Path) -> Found:
    """What the feedback → ledger page proposed before documents.feedback (one category per aspect)."""
    from zhenggai.documents import parse_file
    from zhenggai.documents.mapping import propose_feedback_problems

    categories: list[tuple[str, list[tuple[str, int]]]] = []
    for problem in propose_feedback_problems(parse_file(path)):
        if not categories or categories[-1][0] != problem.aspect:
            categories.append((problem.aspect, []))
        categories[-1][1].append((problem.description, problem.line))
    return Found(categories)


READERS: dict[str, Callable[[Path], Found]] = {"current": read_with_engine, "mapping": read_with_mapping}


def score_directory(
    directory: Path = HERE,
    reader: Callable[[Path], Found] = read_with_engine,
    part: str = "all",
) -> FeedbackScore:
    """Read the annotated documents of `directory` (`part`: all, tuning or held-out) and score them."""
    score = FeedbackScore()
    for gold_path in sorted((directory / "gold").glob("*.json")):
        if part != "all" and (gold_path.stem in HELD_OUT) != (part == "held-out"):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score.add(gold["file"], gold, reader(directory / gold["file"]))
    return score


def main(argv: list[str] | None = None) -> int:
    """Print what was lost per document, then the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=HERE)
    parser.add_argument("--engine", choices=sorted(READERS), default="current")
    parser.add_argument("--part", choices=("all", "tuning", "held-out"), default="tuning")
    args = parser.parse_args(argv)
    score = score_directory(args.directory, READERS[args.engine], args.part)
    for line in score.lost:
        print(line)
    t = score.counts
    print(f"{t['docs']} documents, {t['gold']} problems in gold, {t['found']} found, {t['matched']} matched")
    print("  ".join(f"{k} {v:.3f}" for k, v in score.summary().items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
