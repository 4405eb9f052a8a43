"""Benchmark of the documents written by GB/T 9704 against the issue's targets (figures, not tests).

    .venv/bin/python bench/documents_out.py

Prints the median time of writing a 20-page 个人对照检查材料 from its outline (target ≤ 50 ms) and
the engine's part of a 整改落实情况报告 for a source of 1,000 problems with 3 measures each
(target ≤ 2 s; the ledger's four queries come on top). Pinned to one core where the OS allows.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import docx_read
from zhenggai.documents.gongwen import (
    Outline,
    RectificationMeasure,
    RectificationProblem,
    RectificationSource,
    Section,
    write_outline,
    write_rectification_report,
)

SENTENCE = "理论学习不够深入系统，学用结合还不够紧密，运用党的创新理论指导实践、推动工作的能力有待提高。"
STATUSES = ("done", "in_progress", "not_started", "blocked")


def twenty_pages() -> Outline:
    """About 20 pages: 4 parts × 5 items × 4 paragraphs of ~3 lines each (22 lines a page)."""
    parts = [
        Section(
            f"第{p}部分内容", "", [Section(f"第{i}个方面。", SENTENCE, [SENTENCE * 2] * 4) for i in range(5)]
        )
        for p in range(4)
    ]
    return Outline(
        "关于召开专题民主生活会的个人对照检查材料", ["按照会议要求，现将个人对照检查情况报告如下。"], parts
    )


def thousand_problems() -> RectificationSource:
    problems = []
    for n in range(1, 1001):
        measures = [
            RectificationMeasure(
                text=f"措施{n}-{k}：健全制度，加强督查。",
                status=STATUSES[(n + k) % 4],
                term="ongoing" if k == 2 else "deadline",
                deadline=datetime.date(2027, 6, 30),
                completion_note="已完成",
                completed_on=datetime.date(2026, 6, 30),
                latest_progress="已推进过半",
                blocked_reason="需上级统一部署",
                review_date=datetime.date(2027, 3, 1),
                owner="王建国",
                unit="办公室",
            )
            for k in range(3)
        ]
        problems.append(RectificationProblem(n, f"第{n % 5 + 1}方面", SENTENCE, n % 7 == 0, measures))
    return RectificationSource(
        "中共某某局党组",
        "区委第三巡察组反馈意见",
        "巡察",
        False,
        "区委第三巡察组",
        datetime.date(2026, 3, 15),
        problems,
    )


def main() -> int:
    """Print the figures; the exit status."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    outline = twenty_pages()
    report_ms = docx_read.median_ms(lambda: write_outline(outline), 30)
    source = thousand_problems()
    today = datetime.date(2026, 11, 29)
    rect_ms = docx_read.median_ms(lambda: write_rectification_report(source, today), 5)
    print(f"20-page 个人对照检查材料 written            {report_ms:8.1f} ms   (target <= 50 ms)")
    print(f"整改落实情况报告, 1,000 problems (engine)  {rect_ms:8.1f} ms   (target <= 2000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
