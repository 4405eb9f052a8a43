"""Build the feedback corpus: each annotated source → the text a user has (NAME.txt) and its gold.

    .venv/bin/python -m tests.corpus.feedback.build

A source (`sources/NAME.txt`) is the document with its answers marked where they stand:
`⟦C:…⟧` around a category heading as written (marker included), `⟦P:…⟧` around a problem's text
(its marker, 1. or 一是, stays outside). A problem belongs to the category marked before it, or to
the category "" when none was. Header lines `# key: value` come first: `kind`, `layout`, `notes`,
`claimed` ("3 9": categories and problems the text claims; "- 7" problems only; absent: none),
`wrap` (hard-wrap at that many display columns with page footers, as PDF extraction does).

So the gold is exact by construction: its strings are cut out of the very text that is written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
_MARK = re.compile(r"⟦([CP]):(.*?)⟧", re.S)
_HEADER = re.compile(r"^# (\w+): (.*)$")


def _width(text: str) -> int:
    return sum(1 if ord(ch) < 0x2E80 and ch not in "“”‘’" else 2 for ch in text)


def _wrap(lines: list[str], columns: int) -> tuple[list[str], list[int]]:
    """Hard-wrap each line at `columns` display columns, a page footer every 40 lines.

    Returns the physical lines and, for each logical line, the 1-based physical line it starts on.
    """
    out: list[str] = []
    starts: list[int] = []
    page = 1
    for line in lines:
        starts.append(len(out) + 1)
        piece = ""
        for ch in line:
            if _width(piece + ch) > columns:
                out.append(piece)
                piece = ""
                if len(out) % 41 == 40:
                    out.append(f"- {page} -" if page % 2 else f"第{page}页 共3页")
                    page += 1
            piece += ch
        out.append(piece)
    return out, starts


def build_one(source: Path) -> tuple[str, dict[str, Any]]:
    """The text and the gold annotation of one annotated source."""
    raw = source.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    body_lines = raw.splitlines()
    while body_lines and (m := _HEADER.match(body_lines[0])):
        header[m.group(1)] = m.group(2).strip()
        body_lines.pop(0)
    body = "\n".join(body_lines).strip("\n")
    plain = _MARK.sub(lambda m: m.group(2), body)
    logical = plain.split("\n")
    if "wrap" in header:
        physical, starts = _wrap(logical, int(header["wrap"]))
    else:
        physical, starts = logical, list(range(1, len(logical) + 1))
    categories: list[dict[str, Any]] = []
    shift = 0  # characters of markup removed before the current match
    for m in _MARK.finditer(body):
        at = m.start() - shift
        shift += len(m.group(0)) - len(m.group(2))
        line = starts[plain.count("\n", 0, at)]
        if m.group(1) == "C":
            categories.append({"heading": m.group(2), "line": line, "problems": []})
            continue
        if not categories:
            categories.append({"heading": "", "line": line, "problems": []})
        categories[-1]["problems"].append({"text": m.group(2), "line": line})
    gold = {
        "file": source.name,
        "kind": header.get("kind", ""),
        "layout": header.get("layout", ""),
        "claimed": _claimed(header.get("claimed")),
        "categories": categories,
        "notes": header.get("notes", ""),
    }
    return "\n".join(physical) + "\n", gold


def _claimed(value: str | None) -> dict[str, int | None] | None:
    if not value:
        return None
    cats, problems = value.split()
    return {"categories": None if cats == "-" else int(cats), "problems": int(problems)}


def build(target: Path = HERE, sources: Path = SOURCES) -> list[str]:
    """Write NAME.txt and gold/NAME.json into `target` for every source; the names written."""
    (target / "gold").mkdir(parents=True, exist_ok=True)
    names = []
    for source in sorted(sources.glob("*.txt")):
        text, gold = build_one(source)
        (target / source.name).write_text(text, encoding="utf-8")
        (target / "gold" / f"{source.stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        names.append(source.name)
    return names


if __name__ == "__main__":
    written = build()
    print(f"wrote {len(written)} documents and their gold into {HERE}")
    sys.exit(0)
