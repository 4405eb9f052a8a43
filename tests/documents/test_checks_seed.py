"""The seed report's findings as a snapshot, and the corpus checked for false alarms."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from zhenggai.documents import parse_document, read_document
from zhenggai.documents.checks import INTERNAL_ERROR, CheckContext, Finding, run_checks
from zhenggai.documents.checks.cli import context_of_notice

CORPUS = Path(__file__).parent.parent / "corpus"
SNAPSHOT = Path(__file__).parent / "snapshots" / "seed-findings.json"


def seed_findings() -> list[Finding]:
    context = context_of_notice(read_document(CORPUS / "seed-notice.txt"))
    report = parse_document(read_document(CORPUS / "seed.txt"), context.aspects)
    return run_checks(report, context)


def test_the_seed_findings_match_the_snapshot() -> None:
    """The snapshot is written by tests/documents/snapshots/regenerate.py, never here."""
    found = {"findings": [f.to_json() for f in seed_findings()]}
    assert found == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_seed_findings_are_the_ones_a_reviewer_would_raise() -> None:
    found = seed_findings()
    codes = Counter(f.code for f in found)
    assert codes["ZG101"] == 17  # every X/XX/XXX of the template
    assert codes["ZG401"] == 1  # "从5方面查摆" but six 方面 listed
    assert codes["ZG704"] == 2  # 习总书记
    assert codes["ZG502"] == 1  # （六）意识形态 answers none of the notice's five aspects
    assert codes["ZG503"] == 3  # 巡察反馈情况, 双重组织生活情况, 承诺情况
    assert not codes.keys() & {"ZG201", "ZG202", "ZG205", "ZG301", "ZG302", "ZG303", "ZG304", "ZG501"}


def test_the_notice_of_the_seed_asks_for_last_years_rectification() -> None:
    context = context_of_notice(read_document(CORPUS / "seed-notice.txt"))
    assert context.previous_meeting
    assert context.aspects is not None and len(context.aspects) == 5


#: What each corpus document may be told, at most: a sample of the genre should not cry wolf.
@pytest.mark.parametrize("name", ["s01.txt", "s02.txt", "s05.txt", "s11.txt", "s14.txt", "s19.txt"])
def test_the_corpus_raises_no_false_alarms(name: str) -> None:
    found = run_checks(parse_document(read_document(CORPUS / name)), CheckContext())
    other = [f for f in found if f.code != "ZG101"]
    assert INTERNAL_ERROR not in {f.code for f in found}
    assert len(other) <= 1, [f"{f.line}:{f.column} {f.code} {f.message}" for f in other]
    assert {f.code for f in other} <= {"ZG206"}  # s02 and s14 write (一) with ASCII parentheses
