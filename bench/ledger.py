"""Benchmark the ledger at province size in PostgreSQL, through the real views, beside the bare SQL.

    python bench/ledger.py --start-postgres            # 1,000 organisations, 1,000,000 measures
    python bench/ledger.py --start-postgres --scale 0.1
    DATABASE_URL=postgres://… python bench/ledger.py    # an existing, empty database

Targets (issue 3): filtered ledger page p95 ≤ 150 ms, dashboard ≤ 300 ms, 100k-row .xlsx export
≤ 15 s and ≤ 300 MB, 10k-row import ≤ 15 s. Each figure is printed beside the time of the bare SQL
behind it and the ratio, so the app's own overhead shows. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.pgserver import TempPostgres  # noqa: E402  (after the path is set)

ASPECTS = ["政治建设方面", "思想建设方面", "组织建设方面", "作风建设方面", "纪律建设方面", "制度建设方面"]
PROBLEMS = [
    "理论学习不够深入系统，学用结合还不够到位",
    "落实全面从严治党主体责任不够到位，压力传导层层递减",
    "调查研究不够深入，解决群众急难愁盼问题办法不多",
    "执行民主集中制不够严格，会议决策程序不够规范",
    "形式主义官僚主义问题仍有发生，文山会海现象有所反弹",
    "干部队伍建设统筹谋划不够，年轻干部培养力度不足",
    "意识形态工作责任制落实不够到位，阵地管理存在薄弱环节",
    "财务管理制度执行不严，公务接待标准把关不严",
]
MEASURES = [
    "制定个人学习计划，每月研读原著不少于两篇",
    "建立主体责任清单，每季度专题研究一次",
    "开展蹲点调研，形成调研报告并推动成果转化",
    "修订议事规则，严格执行“三重一大”集体决策制度",
    "精简会议文件，建立督查检查考核计划管理制度",
    "制定年轻干部培养规划，开展轮岗交流",
    "开展意识形态阵地排查，落实分级负责制度",
    "修订财务管理办法，开展专项检查",
]
STATUSES = ["done"] * 5 + ["in_progress"] * 3 + ["not_started", "blocked"]
TERMS = ["deadline"] * 7 + ["immediate", "ongoing", "ongoing"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 1,000 organisations and 1,000,000 measures"
    )
    parser.add_argument(
        "--start-postgres", action="store_true", help="run a throwaway PostgreSQL server for the run"
    )
    parser.add_argument("--repeat", type=int, default=20, help="requests per page figure")
    parser.add_argument("--skip-pages", action="store_true", help="only the export and import figures")
    parser.add_argument(
        "--server-side-binding",
        action="store_true",
        help="psycopg server-side parameter binding (OPTIONS server_side_binding), to compare",
    )
    args = parser.parse_args(argv)
    server = None
    if args.start_postgres:
        server = TempPostgres()
        os.environ["DATABASE_URL"] = server.url
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("需要 PostgreSQL：设置 DATABASE_URL，或加 --start-postgres。", file=sys.stderr)
        return 2
    try:
        return run(args)
    finally:
        if server:
            server.stop()


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
    os.environ.setdefault("ZHENGGAI_DATA_DIR", tempfile.mkdtemp(prefix="zhenggai-bench-data-"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    if args.server_side_binding:
        settings.DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    call_command("migrate", verbosity=0)
    organisations = max(10, round(1000 * args.scale))
    measures = max(1000, round(1_000_000 * args.scale))
    t = time.perf_counter()
    world = generate(organisations, measures)
    print(f"生成：组织 {organisations:,} 个，整改措施 {measures:,} 条，用时 {time.perf_counter() - t:.1f} s")
    print()
    print(f"{'指标':<34}{'应用':>12}{'裸 SQL':>12}{'倍数':>8}   目标")
    if not args.skip_pages:
        pages(world, args.repeat)
    export(world)
    import_10k(world)
    return 0


def generate(n_orgs: int, n_measures: int) -> dict[str, Any]:
    """Organisations, people, sources, problems, measures and some progress, by COPY."""
    from django.db import connection

    from zhenggai.ledger.models import Measure, Problem, Progress, Source
    from zhenggai.ledger.search import search_tokens
    from zhenggai.orgs.models import Membership, Organisation, Role, User

    rng = random.Random(20261127)
    now = datetime.datetime.now(datetime.UTC)
    today = datetime.date.today()
    root = Organisation.objects.create(name="省委")
    boss = User.objects.create_user(username="bench", password="bench-password-1", display_name="省委办公室")
    Membership.objects.create(user=boss, organisation=root, role=Role.OFFICE)
    # a two-level tree: root → cities (√n) → units
    cities = max(1, int(n_orgs**0.5))
    org_rows, paths = [], {}
    next_id = root.pk + 1
    city_ids = []
    for c in range(cities):
        pk = next_id
        next_id += 1
        paths[pk] = f"{root.path}{pk:06d}/"
        org_rows.append((pk, f"市{c + 1}", root.pk, paths[pk], 1, now))
        city_ids.append(pk)
    while len(org_rows) < n_orgs - 1:
        parent = city_ids[len(org_rows) % cities]
        pk = next_id
        next_id += 1
        paths[pk] = f"{paths[parent]}{pk:06d}/"
        org_rows.append((pk, f"单位{pk}", parent, paths[pk], 2, now))
    _copy(connection, Organisation, ["id", "name", "parent_id", "path", "depth", "created_at"], org_rows)
    org_ids = [r[0] for r in org_rows]
    n_people = max(50, n_orgs * 5)
    first_user = User.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    people = [
        (first_user + i, f"p{i}", "!", f"干部{i}", "", "", "", False, False, True, now)
        for i in range(n_people)
    ]
    _copy(
        connection,
        User,
        [
            "id",
            "username",
            "password",
            "display_name",
            "first_name",
            "last_name",
            "email",
            "is_superuser",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        people,
    )
    person_org = {first_user + i: org_ids[i % len(org_ids)] for i in range(n_people)}
    _copy(
        connection,
        Membership,
        ["user_id", "organisation_id", "role", "created_at"],
        [(pk, org, Role.MEMBER.value, now) for pk, org in person_org.items()],
    )
    source_rows = []
    for i, org in enumerate(org_ids):
        source_rows.append(
            (i + 1, "democratic_life", org, f"2025年度民主生活会（{org}）", 2025, "", "", None, now)
        )
    _copy(
        connection,
        Source,
        [
            "id",
            "kind",
            "organisation_id",
            "title",
            "year",
            "theme",
            "inspecting_body",
            "feedback_date",
            "created_at",
        ],
        source_rows,
    )
    tokens = {(p, m): search_tokens(f"{PROBLEMS[p]} {MEASURES[m]}") for p in range(8) for m in range(8)}
    problem_rows, measure_rows, progress_rows = [], [], []
    people_by_org: dict[int, list[int]] = {}
    for pk, org in person_org.items():
        people_by_org.setdefault(org, []).append(pk)
    problem_id = measure_id = 0
    while measure_id < n_measures:
        problem_id += 1
        org = org_ids[problem_id % len(org_ids)]
        p = rng.randrange(8)
        problem_rows.append(
            (
                problem_id,
                org_ids.index(org) + 1,
                org,
                problem_id,
                ASPECTS[p % 6],
                "",
                PROBLEMS[p],
                None,
                None,
                "",
                None,
                "",
                now,
                now,
            )
        )
        for number in range(1, rng.choice((2, 3, 3, 4)) + 1):
            measure_id += 1
            m = rng.randrange(8)
            status = rng.choice(STATUSES)
            term = rng.choice(TERMS)
            deadline = (
                None if term == "ongoing" else today + datetime.timedelta(days=rng.randrange(-400, 400))
            )
            owner = rng.choice(people_by_org.get(org) or [boss.pk])
            measure_rows.append(
                (
                    measure_id,
                    problem_id,
                    org,
                    number,
                    f"{MEASURES[m]}（{measure_id}）",
                    owner,
                    org,
                    term,
                    deadline,
                    None,
                    "",
                    status,
                    "已落实" if status == "done" else "",
                    None,
                    "待条件具备" if status == "blocked" else "",
                    None,
                    False,
                    status == "done",
                    tokens[(p, m)],
                    now,
                    now,
                )
            )
            if measure_id % 10 == 0:
                progress_rows.append(
                    (measure_id, today, "按计划推进，已召开专题会议", boss.pk, "", status, now)
                )
    _copy(
        connection,
        Problem,
        [
            "id",
            "source_id",
            "organisation_id",
            "number",
            "aspect",
            "category",
            "description",
            "closed_at",
            "closed_by_id",
            "close_note",
            "reopened_at",
            "reopen_reason",
            "created_at",
            "updated_at",
        ],
        problem_rows,
    )
    _copy(
        connection,
        Measure,
        [
            "id",
            "problem_id",
            "organisation_id",
            "number",
            "text",
            "owner_id",
            "unit_id",
            "term",
            "deadline",
            "original_deadline",
            "extension_reason",
            "status",
            "completion_note",
            "completed_on",
            "blocked_reason",
            "review_date",
            "finished_late",
            "done_without_evidence",
            "search_text",
            "created_at",
            "updated_at",
        ],
        measure_rows,
    )
    _copy(
        connection,
        Progress,
        ["measure_id", "date", "text", "author_id", "status_before", "status_after", "created_at"],
        progress_rows,
    )
    with connection.cursor() as cursor:
        for model in (Organisation, User, Source, Problem, Measure):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("VACUUM ANALYZE")
    city = Organisation.objects.get(pk=city_ids[0])
    return {
        "boss": boss,
        "root": root,
        "city": city,
        "source": 1,
        "owner": first_user,
        "measures": n_measures,
    }


def _copy(connection: Any, model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    raw = (
        connection.connection
        if connection.connection
        else connection.ensure_connection() or connection.connection
    )
    table = model._meta.db_table
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    raw.commit()


def _timed_view(client: Any, url: str, repeat: int) -> tuple[list[float], list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return times, [q["sql"] for q in captured.captured_queries]


def _bare(sqls: list[str], repeat: int) -> list[float]:
    from django.db import connection

    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in sqls:
                if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    cursor.execute(sql)
                    cursor.fetchall()
        times.append(time.perf_counter() - t)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def _line(label: str, app: float, sql: float, target: str, unit: str = "ms") -> None:
    scale = 1000 if unit == "ms" else 1
    ratio = app / sql if sql else float("inf")
    print(f"{label:<34}{app * scale:>10.1f}{unit:>2}{sql * scale:>10.1f}{unit:>2}{ratio:>8.1f}   {target}")


def pages(world: dict[str, Any], repeat: int) -> None:
    from django.test import Client

    client = Client()
    client.force_login(world["boss"])
    city = world["city"].pk
    views = [
        ("台账页（无筛选）", "/"),
        ("台账页（组织+状态）", f"/?organisation={city}&status=in_progress"),
        ("台账页（逾期，按时限）", "/?overdue=1&sort=deadline"),
        ("台账页（问题来源）", f"/?source={world['source']}"),
        ("台账页（责任人）", f"/?owner={world['owner']}"),
        ("台账页（全文搜索“调研”）", "/?q=调研"),
        ("看板（全省）", "/dashboard/"),
        ("看板（一个市）", f"/dashboard/?organisation={city}"),
    ]
    for label, url in views:
        times, sqls = _timed_view(client, url, repeat)
        bare = _bare(sqls, repeat)
        target = "≤ 300 ms" if "看板" in label else "≤ 150 ms"
        _line(f"{label} p95", p95(times), p95(bare), target)


def export(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from zhenggai.ledger import queries
    from zhenggai.ledger.access import visible_measures
    from zhenggai.ledger.exports import _FIELDS, export_order

    client = Client()
    client.force_login(world["boss"])
    # about 100,000 rows: the whole ledger at scale 0.1, the 立行立改 measures (a tenth) at full scale
    query = "term=immediate" if world["measures"] > 150_000 else ""
    measures = queries.apply(
        visible_measures(world["boss"]), queries.parse_filter(QueryDict(query)), datetime.date.today()
    )
    rows = measures.count()
    url = f"/ledger/export/?{query}"
    t = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.perf_counter() - t
    tracemalloc.start()
    for _ in client.get(url).streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    sql, params = export_order(measures).values_list(*_FIELDS).query.sql_with_params()
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while cursor.fetchmany(5000):
            pass
    bare = time.perf_counter() - t
    _line(f"导出 .xlsx（{rows:,} 行，{size / 1048576:.1f} MB）", elapsed, bare, "≤ 15 s（10 万行）", "s ")
    print(f"{'导出时 Python 内存峰值（tracemalloc）':<34}{peak / 1048576:>10.1f}MB{'':>20}   ≤ 300 MB")


def import_10k(world: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhenggai.documents.ledger_xlsx import LedgerRow, read_ledger_xlsx, write_ledger_xlsx
    from zhenggai.ledger.imports import import_ledger
    from zhenggai.orgs.models import Organisation

    rows = []
    for i in range(10_000):
        rows.append(
            LedgerRow(
                problem=f"{PROBLEMS[(i // 3) % 8]}（{i // 3}）",
                measure=f"{MEASURES[i % 8]}（导入{i}）",
                source="2026年省委第一巡视组巡视反馈",
                aspect=ASPECTS[(i // 3) % 6],
                owner=f"导入干部{i % 300}",
                unit=f"导入单位{i % 40}",
                deadline=datetime.date(2026, 12, 31),
                term="deadline",
                progress="已部署" if i % 2 else "",
                status=STATUSES[i % len(STATUSES)],
                evidence="方案.pdf" if i % 3 else "",
                problem_ref=i // 3,
            )
        )
    buffer = io.BytesIO()
    write_ledger_xlsx(rows, buffer)
    target = Organisation.objects.create(name="导入测试单位", parent=world["root"])
    data = buffer.getvalue()
    t = time.perf_counter()
    read_ledger_xlsx(data, "import.xlsx")
    reading = time.perf_counter() - t
    with CaptureQueriesContext(connection) as captured:
        t = time.perf_counter()
        report = import_ledger(world["boss"], data, "import.xlsx", organisation=target)
        elapsed = time.perf_counter() - t
    assert report.stored, [str(e) for e in report.sheet.errors[:5]]
    sql = sum(float(q["time"]) for q in captured.captured_queries)
    _line(f"导入 1 万行 .xlsx（{len(captured.captured_queries)} 条 SQL）", elapsed, sql, "≤ 15 s", "s ")
    print(f"{'  其中读取 .xlsx（不含数据库）':<34}{reading:>10.1f}s ")


if __name__ == "__main__":
    sys.exit(main())
