"""Regenerate the snapshots the tests compare against, after a change meant to alter them.

    .venv/bin/python -m tests.documents.snapshots.regenerate

Writes tests/documents/snapshots/seed-findings.json (the seed report's findings, its notice given)
and tests/documents/fixtures/seed-tree.json (`zhenggai parse seed.txt --json`). The tests only
read them: a test never rewrites what it compares against. Review the diff before committing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zhenggai.documents import parse_document, read_document
from zhenggai.documents.checks import run_checks
from zhenggai.documents.checks.cli import context_of_notice

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "corpus"
FINDINGS = HERE / "seed-findings.json"
TREE = HERE.parent / "fixtures" / "seed-tree.json"


def seed_findings() -> dict[str, object]:
    """The seed report's findings, checked against its notice, as `zhenggai check --json` prints them."""
    context = context_of_notice(read_document(CORPUS / "seed-notice.txt"))
    report = parse_document(read_document(CORPUS / "seed.txt"), context.aspects)
    return {"findings": [f.to_json() for f in run_checks(report, context)]}


def seed_tree() -> dict[str, object]:
    """`zhenggai parse seed.txt --json`, its source named as the snapshot keeps it."""
    tree = parse_document(read_document(CORPUS / "seed.txt")).to_json()
    tree["source"] = "seed.txt"
    return tree


def main() -> int:
    """Write both snapshots; the exit status."""
    for path, data in ((FINDINGS, seed_findings()), (TREE, seed_tree())):
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
