"""Benchmark of the documents written by GB/T 9704 against the issue's targets (figures, not tests).

    .venv/bin/python bench/documents_out.py [--no-database]

Prints the median time of writing a 20-page 个人对照检查材料 from its outline (target ≤ 50 ms), the
engine's part of each document drawn from a source of 1,000 problems with 3 measures each (整改落实
情况报告 target ≤ 2 s; 整改方案 with its table, the 3,000-row ledger table, the team's 上年度整改落实
情况, the 召开情况报告), then the same documents end to end through the Django functions the pages
and `zhenggai render` call — database queries included — on a fresh SQLite database in a temporary
folder (PostgreSQL when DATABASE_URL is set), with the number of queries each made. Pinned to one
core where the OS allows.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import docx_read
from documents_out_db import database_figures
from zhenggai.documents.gongwen import (
    MeetingFacts,
    Outline,
    RectificationMeasure,
    RectificationProblem,
    RectificationSource,
    Section,
    write_ledger_table,
    write_meeting_report,
    write_outline,
    write_plan,
    write_previous,
    write_rectification_report,
)
from zhenggai.documents.ledger_xlsx import LedgerRow

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
    source = thousand_problems()
    today = datetime.date(2026, 11, 29)
    rows = [
        LedgerRow(p.description, m.text, "区委第三巡察组反馈意见", p.aspect, "", m.owner, m.unit, m.deadline, m.term,
                  m.latest_progress, m.status, problem_ref=p.number)
        for p in source.problems for m in p.measures
    ]  # fmt: skip
    facts = MeetingFacts(
        "中共某某局党组", "民主生活会", "2026年度民主生活会", members=["王建国"] * 7, ledger=source
    )
    figures = [
        ("20-page 个人对照检查材料", docx_read.median_ms(lambda: write_outline(outline), 30), "<= 50 ms"),
        (
            "整改落实情况报告",
            docx_read.median_ms(lambda: write_rectification_report(source, today), 5),
            "<= 2000 ms",
        ),
        ("整改方案 + 整改任务清单", docx_read.median_ms(lambda: write_plan(source, today), 5), ""),
        (
            "整改台账 (Word table, 3,000 rows)",
            docx_read.median_ms(lambda: write_ledger_table(rows, today), 5),
            "",
        ),
        ("上年度整改落实情况 (team)", docx_read.median_ms(lambda: write_previous(source, today), 5), ""),
        ("召开情况报告", docx_read.median_ms(lambda: write_meeting_report(facts, today), 5), ""),
    ]
    print("engine only (1,000 problems, 3,000 measures):")
    for name, ms, target in figures:
        print(f"  {name:<36}{ms:9.1f} ms   {target}")
    if "--no-database" not in sys.argv:
        database_figures(today)
    return 0


if __name__ == "__main__":
    sys.exit(main())
