"""Build the similarity test set: a team's reports with planted copies, and the gold passages.

    .venv/bin/python -m tests.corpus.similarity.build

The 2021 民主生活会 of a (fictional) 县水利局 team: the notice, a template from the web, four
members' reports (a–d) and member a's report of the next year (a-2022). Each file is written from
paragraphs of pieces; a piece tagged with a passage id (P1…) is one instance of a planted passage,
written the same (verbatim: only punctuation, width or numbers differ) or edited (words
substituted, clauses and sentences swapped) in every file that holds it. The gold, for every
ordered pair of files holding the same passage, is the span of each side: from the first
character of its first piece to the last character before its closing 。 — in offsets of the text
whose paragraphs are joined by newlines. So the gold is exact by construction.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.corpus.similarity.content import FILES, KINDS

HERE = Path(__file__).resolve().parent


def build() -> tuple[dict[str, str], list[dict[str, object]]]:
    """The text of every file and the gold passages."""
    texts: dict[str, str] = {}
    instances: dict[str, list[tuple[str, int, int, str]]] = {}
    for name, paragraphs in FILES.items():
        out = ""
        for n, paragraph in enumerate(paragraphs):
            if n:
                out += "\n"
            for piece in paragraph:
                if isinstance(piece, tuple):
                    passage, text = piece
                    assert text.endswith("。"), text
                    instances.setdefault(passage, []).append((name, len(out), len(out) + len(text) - 1, text))
                    out += text
                else:
                    out += piece
        texts[name] = out + "\n"
    gold = []
    for passage, found in sorted(instances.items()):
        for left in found:
            for right in found:
                if left[0] == right[0]:
                    continue
                gold.append(
                    {
                        "passage": passage,
                        "kind": KINDS[passage],
                        "file": left[0],
                        "source": right[0],
                        "file_span": [left[1], left[2]],
                        "source_span": [right[1], right[2]],
                        "text": left[3][:-1],
                    }
                )
    return texts, gold


def main() -> None:
    texts, gold = build()
    for name, text in texts.items():
        (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
    (HERE / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
