"""Feedback reading scores on tests/corpus/feedback (a figure, never a test).

    .venv/bin/python bench/feedback.py [--engine current|mapping]

Prints problems precision / recall / F1, the category of found problems, exact text, line, the
claim read and the count check, for the tuning part, the held-out part (never tuned on) and all.
Only the summary lines are printed, so running it shows nothing of what the held-out texts lost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.corpus.feedback.scoring import HELD_OUT, READERS, score_directory


def main(argv: list[str] | None = None) -> int:
    """Print one summary line per part of the corpus; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=sorted(READERS), default="current")
    args = parser.parse_args(argv)
    print(f"engine: {args.engine}; held out: {', '.join(HELD_OUT)}")
    for part in ("tuning", "held-out", "all"):
        score = score_directory(reader=READERS[args.engine], part=part)
        t, s = score.counts, score.summary()
        print(
            f"{part:9} {t['docs']:2} docs {t['gold']:3} problems  "
            f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"category {s['category']:.3f}  text {s['text']:.3f}  line {s['line']:.3f}  "
            f"claim {s['claim']:.3f}  count check {s['count_check']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
