"""The documents of bench/documents_out.py end to end: Django's functions, database queries included.

A fresh database (SQLite in a temporary folder, or DATABASE_URL) gets one organisation, seven people,
a meeting whose ledger source holds 1,000 problems in five aspects with 3 measures each and one
progress note per measure (bulk inserts), and each document is written as the page or `zhenggai
render` writes it: median wall time of 5 runs and the queries one run makes.
"""

from __future__ import annotations

import datetime
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

SENTENCE = "理论学习不够深入系统，学用结合还不够紧密，运用党的创新理论指导实践、推动工作的能力有待提高。"
STATUSES = ("done", "in_progress", "not_started", "blocked")


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
    os.environ.setdefault("ZHENGGAI_DATA_DIR", tempfile.mkdtemp(prefix="zhenggai-bench-docs-"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world(today: datetime.date) -> tuple[Any, Any]:
    """The meeting and its source with 1,000 problems × 3 measures, each with a progress note."""
    from zhenggai.ledger.models import Measure, Problem, Progress, Source, SourceKind
    from zhenggai.meetings.models import Meeting
    from zhenggai.orgs.models import Organisation, User

    team = Organisation.objects.create(name="中共某某局党组")
    people = [User.objects.create(username=f"p{i}", display_name=f"委员{i}") for i in range(7)]
    source = Source.objects.create(
        kind=SourceKind.DEMOCRATIC_LIFE, organisation=team, title="2026年度民主生活会", year=2026
    )
    meeting = Meeting.objects.create(
        organisation=team, kind=SourceKind.DEMOCRATIC_LIFE, year=2026, source=source, date=today
    )
    meeting.members.set(people)
    problems = Problem.objects.bulk_create(
        Problem(source=source, organisation=team, number=n, aspect=f"第{n % 5 + 1}方面", description=SENTENCE)
        for n in range(1, 1001)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            problem=p, organisation=team, number=k + 1, text=f"措施{p.number}-{k + 1}：健全制度，加强督查。",
            owner=people[(p.number + k) % 7], unit=team, term="ongoing" if k == 2 else "deadline",
            deadline=datetime.date(2027, 6, 30), status=STATUSES[(p.number + k) % 4], completion_note="已完成",
            completed_on=datetime.date(2026, 6, 30), blocked_reason="需上级统一部署", review_date=datetime.date(2027, 3, 1),
        )
        for p in problems for k in range(3)
    )  # fmt: skip
    Progress.objects.bulk_create(
        Progress(measure=m, date=today, text="已推进过半", author=people[0]) for m in measures
    )
    return meeting, source


def _time(make: Callable[[], object]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(5):
        start = time.perf_counter()
        make()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        make()
    return statistics.median(times), len(queries)


def database_figures(today: datetime.date) -> None:
    """Print each document's end-to-end time and queries on the database."""
    _setup()
    from django.db import connection

    from zhenggai.ledger.cli_filters import filtered_measures
    from zhenggai.ledger.documents_out import ledger_document, plan_document
    from zhenggai.ledger.rectification import rectification_report
    from zhenggai.reviews.documents_out import meeting_report, previous_draft

    meeting, source = _world(today)
    measures = filtered_measures({"source": str(source.pk)})
    person = meeting.members.first()
    figures = [
        ("整改落实情况报告", lambda: rectification_report(source, today), "<= 2000 ms"),
        ("整改方案 + 整改任务清单", lambda: plan_document(source, today), ""),
        ("整改台账 (Word table, 3,000 rows)", lambda: ledger_document(measures, today), ""),
        ("上年度整改落实情况 (team)", lambda: previous_draft(meeting, today), ""),
        ("上年度整改落实情况 (one member)", lambda: previous_draft(meeting, today, person), ""),
        ("召开情况报告", lambda: meeting_report(meeting, today), ""),
    ]
    print(
        f"end to end with queries ({connection.vendor}, 1,000 problems, 3,000 measures, 3,000 progress notes):"
    )
    for name, make, target in figures:
        ms, queries = _time(make)
        print(f"  {name:<36}{ms:9.1f} ms   {queries:3d} queries   {target}")
