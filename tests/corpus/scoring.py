"""Score parse results against gold annotations, as ../shared/tools/score_parse.py does, in-process."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhenggai.documents import parse_file

CORPUS = Path(__file__).parent


def norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def same_heading(a: str, b: str, n: int = 10) -> bool:
    a, b = norm(a), norm(b)
    if not a and not b:
        return True
    k = min(n, len(a), len(b))
    return k >= 2 and a[:k] == b[:k]


def align(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs, j = [], 0
    for g in gold:
        for k in range(j, len(pred)):
            if same_heading(g["heading"], pred[k].get("heading", "")):
                pairs.append((g, pred[k]))
                j = k + 1
                break
    return pairs


def f1(m: int, g: int, p: int) -> float:
    if g == 0 and p == 0:
        return 1.0
    pr = m / p if p else 0.0
    rc = m / g if g else 0.0
    return 0.0 if pr + rc == 0 else 2 * pr * rc / (pr + rc)


@dataclass
class Score:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("pm", "pg", "pp", "rok", "rn", "im", "ig", "ip", "eok", "en", "phok", "phn"), 0
        )
    )
    lost: list[str] = field(default_factory=list)

    def add(self, name: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        t = self.counts
        gp, pp = gold["parts"], pred.get("parts", [])
        if len(gp) == 1 and not norm(gp[0]["heading"]) and len(pp) == 1:
            pairs = [(gp[0], pp[0])]
        else:
            pairs = align(gp, pp)
        t["pm"] += len(pairs)
        t["pg"] += len(gp)
        t["pp"] += len(pp)
        lost = []
        for g, p in pairs:
            t["rn"] += 1
            if g["role"] == p.get("role"):
                t["rok"] += 1
            else:
                lost.append(f"role {g['heading'][:12]}: {p.get('role')}≠{g['role']}")
            gi, pi = g.get("items", []), p.get("items", [])
            ipairs = align(gi, pi)
            t["im"] += len(ipairs)
            t["ig"] += len(gi)
            t["ip"] += len(pi)
            if len(ipairs) < max(len(gi), len(pi)):
                lost.append(
                    f"items under {g['heading'][:10]}: {len(ipairs)} of gold {len(gi)} / pred {len(pi)}"
                )
            for g_item, p_item in ipairs:
                t["en"] += 1
                n = len(p_item.get("enums", []))
                if n == g_item.get("enums", 0):
                    t["eok"] += 1
                else:
                    lost.append(f"enums {g_item['heading'][:12]}: {n}≠{g_item.get('enums')}")
        if len(pairs) < max(len(gp), len(pp)):
            lost.append(f"parts: {len(pairs)} of gold {len(gp)} / pred {len(pp)}")
        t["phn"] += 1
        nph = len(pred.get("placeholders", []))
        if nph == gold.get("placeholders", 0):
            t["phok"] += 1
        else:
            lost.append(f"placeholders {nph}≠{gold.get('placeholders')}")
        if lost:
            self.lost.append(f"{name}: " + "; ".join(lost))

    def summary(self) -> dict[str, float]:
        t = self.counts
        return {
            "parts": f1(t["pm"], t["pg"], t["pp"]),
            "roles": t["rok"] / max(t["rn"], 1),
            "items": f1(t["im"], t["ig"], t["ip"]),
            "enums": t["eok"] / max(t["en"], 1),
            "placeholders": t["phok"] / max(t["phn"], 1),
        }


def gold_files(directory: Path) -> list[Path]:
    return sorted((directory / "gold").glob("*.json"))


def score_directory(directory: Path, score: Score | None = None) -> Score:
    """Parse every annotated document of `directory` and add it to the score."""
    score = score or Score()
    for gold_path in gold_files(directory):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = parse_file(directory / gold["file"])
        score.add(gold["file"], gold, report.to_json())
    return score
