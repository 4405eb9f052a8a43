"""Benchmark of the document engine against the issue's targets (a figure, never a test).

    .venv/bin/python bench/documents.py

Prints the median time of: parse + check of a 20 KB .txt report (target ≤ 5 ms), the same report
as a .docx with automatic numbering read + parsed + checked (≤ 10 ms), then bench/docx_read.py's
side-by-side reading figures against docx2python (≥ 5×). Pinned to one core where the OS allows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import docx_read
from zhenggai.documents import parse_document, read_bytes
from zhenggai.documents.checks import CheckContext, run_checks

SEED = Path(__file__).resolve().parents[1] / "src" / "zhenggai" / "examples" / "seed.txt"
RUNS = 300


def parse_and_check(name: str, data: bytes) -> int:
    """Read, parse and check one file; the number of findings."""
    report = parse_document(read_bytes(name, data))
    return len(run_checks(report, CheckContext()))


def main() -> int:
    """Print the engine's figures, then the .docx reading figures; the exit status."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    text = SEED.read_bytes()
    docx = docx_read.build()
    assert parse_and_check("seed.txt", text) == parse_and_check("seed.docx", docx)
    txt_ms = docx_read.median_ms(lambda: parse_and_check("seed.txt", text), RUNS)
    docx_ms = docx_read.median_ms(lambda: parse_and_check("seed.docx", docx), RUNS)
    print(f"report: {len(text) / 1024:.1f} KB of text ({SEED.name}), median of {RUNS} runs on one core")
    print(f".txt  read + parse + check   {txt_ms:8.3f} ms   (target <= 5 ms)")
    print(f".docx read + parse + check   {docx_ms:8.3f} ms   (target <= 10 ms)")
    print()
    return docx_read.main()


if __name__ == "__main__":
    sys.exit(main())
