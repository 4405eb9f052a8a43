"""Benchmark the ledger at province size in PostgreSQL, through the real views, beside the bare SQL.

    python bench/ledger.py --start-postgres                   # 1M and 5M measures, with the growth
    python bench/ledger.py --start-postgres --scales 0.1,0.5  # 100,000 and 500,000: a quick look
    python bench/ledger.py --start-postgres --scale 0.1       # one scale only
    DATABASE_URL=postgres://… python bench/ledger.py --scale 1 # an existing, empty database

Scale 1.0 is 1,000 organisations and 1,000,000 measures. With several scales each one runs in a
process of its own on a fresh database of the same server, and the figures come out side by side
with the growth ratio (the larger scale's over the smaller's; ≤ 1.5× is the target for pages and
the dashboard from 1M to 5M).

Targets (issues 3 and 14, at 5M): every ledger page p95 ≤ 150 ms, a search of common words only ≤ 300
ms, the whole-province dashboard ≤ 150 ms and one city's ≤ 100 ms, 100k-row .xlsx export ≤ 15 s and
≤ 300 MB, 10k-row import ≤ 2× its bare SQL. Each figure is printed beside the time of the bare SQL
behind it and the ratio, so the app's own overhead shows. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench.ledger_world import ASPECTS, MEASURES, PROBLEMS, generate  # noqa: E402
from bench.pgserver import TempPostgres, fresh_database  # noqa: E402  (after the path is set)

#: (label, app, bare SQL or None, target, unit) of each figure, in the order printed.
Figure = tuple[str, float, float | None, str, str]
FIGURES: list[Figure] = []


def main(argv: list[str] | None = None) -> int:
    """Parse the options, start PostgreSQL if asked to, print the figures; the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scales", default="1,5", help="comma-separated scales run one after the other (default 1,5)"
    )
    parser.add_argument("--scale", type=float, help="one scale only (1.0 = 1,000 organisations, 1M measures)")
    parser.add_argument("--json", help=argparse.SUPPRESS)  # a child process writes its figures here
    parser.add_argument(
        "--start-postgres", action="store_true", help="run a throwaway PostgreSQL server for the run"
    )
    parser.add_argument("--repeat", type=int, default=20, help="requests per page figure")
    parser.add_argument("--skip-pages", action="store_true", help="only the export and import figures")
    parser.add_argument("--skip-export", action="store_true", help="leave the export figure out")
    parser.add_argument("--skip-import", action="store_true", help="leave the 10,000-row import out")
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
        if args.scale is not None:
            return run(args)
        return curve(args, [float(x) for x in args.scales.split(",")])
    finally:
        if server:
            server.stop()


def curve(args: argparse.Namespace, scales: list[float]) -> int:
    """Run each scale in a child process on a fresh database; print the figures side by side."""
    results: list[tuple[float, list[Figure]]] = []
    for scale in scales:
        out = Path(tempfile.mkdtemp(prefix="zhenggai-bench-")) / "figures.json"
        url = fresh_database(os.environ["DATABASE_URL"], f"zhenggai_s{str(scale).replace('.', '_')}")
        command = [
            sys.executable,
            __file__,
            "--scale",
            str(scale),
            "--json",
            str(out),
            "--repeat",
            str(args.repeat),
        ]
        command += [
            flag
            for flag in ("--skip-pages", "--skip-export", "--skip-import")
            if getattr(args, flag[2:].replace("-", "_"))
        ]
        if args.server_side_binding:
            command.append("--server-side-binding")
        print(f"—— 规模 {scale}（另一进程，数据库 {url.rsplit('/', 1)[-1]}）——", flush=True)
        subprocess.run(command, check=True, env={**os.environ, "DATABASE_URL": url})
        results.append((scale, [tuple(f) for f in json.loads(out.read_text())]))  # type: ignore[misc]
    print()
    print_curve(results)
    return 0


def print_curve(results: list[tuple[float, list[Figure]]]) -> None:
    """One line a figure: app (and bare SQL) at each scale, then the growth from the first to the last."""
    head = "".join(f"{'规模 ' + str(scale):>22}" for scale, _ in results)
    print(f"{'指标':<34}{head}{'增长':>8}   目标")
    first = results[0][1]
    for index, (label, _app, _sql, target, unit) in enumerate(first):
        cells, apps = "", []
        for _, figures in results:
            _, app, sql, _, _ = figures[index]
            apps.append(app)
            factor = 1000 if unit == "ms" else 1
            bare = f"{sql * factor:.1f}" if sql is not None else "—"
            shown = f"{app:,.0f}" if unit == "块" else f"{app * factor:.1f}"
            cells += f"{shown:>10} / {bare:>7}{unit:>3}"
        growth = apps[-1] / apps[0] if apps[0] else float("inf")
        print(f"{label:<34}{cells}{growth:>7.2f}×   {target}")
    print("（每格：应用 / 裸 SQL）")


def run(args: argparse.Namespace) -> int:
    """Set Django up on the database, generate the ledger at the chosen scale and print every figure."""
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
    if not args.skip_export:
        export(world)
    if not args.skip_import:
        import_10k(world)
    if args.json:
        Path(args.json).write_text(json.dumps(FIGURES, ensure_ascii=False))
    return 0


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


def _blocks(sqls: list[str]) -> int:
    """The shared buffer blocks the SELECTs of a view read (EXPLAIN ANALYZE BUFFERS): the work it does,
    which the machine's load does not change as it changes the milliseconds."""
    from django.db import connection

    total = 0
    with connection.cursor() as cursor:
        for sql in sqls:
            if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                top = plan[0]["Plan"]
                total += int(top.get("Shared Hit Blocks", 0)) + int(top.get("Shared Read Blocks", 0))
    return total


def p95(values: list[float]) -> float:
    """The 95th percentile of `values` (the value itself for a single one)."""
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def _line(label: str, app: float, sql: float, target: str, unit: str = "ms") -> None:
    """Print one figure beside its bare SQL and the ratio, and keep it for the curve."""
    FIGURES.append((label, app, sql, target, unit))
    scale = 1000 if unit == "ms" else 1
    ratio = app / sql if sql else float("inf")
    print(f"{label:<34}{app * scale:>10.1f}{unit:>2}{sql * scale:>10.1f}{unit:>2}{ratio:>8.1f}   {target}")


def pages(world: dict[str, Any], repeat: int) -> None:
    """The p95 of the ledger page under each filter and of the dashboard, beside their bare SQL."""
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
        ("台账页（搜索“调研”，按时限）", "/?q=调研&sort=deadline"),
        ("台账页（全是常见词“学习计划”）", "/?q=学习计划"),
        ("看板（全省）", "/dashboard/"),
        ("看板（一个市）", f"/dashboard/?organisation={city}"),
    ]
    for label, url in views:
        times, sqls = _timed_view(client, url, repeat)
        bare = _bare(sqls, repeat)
        target = "≤ 300 ms" if "常见词" in label else "≤ 100 ms" if "一个市" in label else "≤ 150 ms"
        _line(f"{label} p95", p95(times), p95(bare), target)
        blocks = _blocks(sqls)
        FIGURES.append(("  其 SQL 读的缓冲块", float(blocks), None, "不随台账增长", "块"))
        print(f"{'  其 SQL 读的缓冲块':<34}{blocks:>10,}块")


def export(world: dict[str, Any]) -> None:
    """The time and memory of a ~100,000-row .xlsx export, beside reading its rows in bare SQL."""
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from zhenggai.ledger import queries
    from zhenggai.ledger.access import visible_measures
    from zhenggai.ledger.exports import _FIELDS, export_order

    client = Client()
    client.force_login(world["boss"])
    # about 100,000 rows: the whole ledger at scale 0.1, the 立行立改 measures (a tenth) at 1M, those
    # of them in progress (3 in 100) at 5M
    query = ""
    if world["measures"] > 150_000:
        query = "term=immediate" if world["measures"] <= 1_500_000 else "term=immediate&status=in_progress"
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
    print(f"导出：{rows:,} 行，{size / 1048576:.1f} MB")
    _line("导出 .xlsx（约 10 万行）", elapsed, bare, "≤ 15 s（10 万行）", "s ")
    FIGURES.append(("导出时 Python 内存峰值（MB）", peak / 1048576, None, "≤ 300 MB", "MB"))
    print(f"{'导出时 Python 内存峰值（tracemalloc）':<34}{peak / 1048576:>10.1f}MB{'':>20}   ≤ 300 MB")


def import_10k(world: dict[str, Any]) -> None:
    """The time of importing a 10,000-row .xlsx, beside the time its SQL took."""
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
                progress="已部署",  # 已完成 needs its note; 暂不具备 needs columns the export has not
                status=("done", "in_progress", "not_started")[i % 3],
                evidence="方案.pdf" if i % 3 else "",
                problem_ref=i // 3,
            )
        )
    buffer = io.BytesIO()
    write_ledger_xlsx(rows, buffer)
    target = Organisation.objects.create(name="导入测试单位", parent=world["root"])
    owners = sorted({row.owner for row in rows})  # new people, created as the office ticks them
    data = buffer.getvalue()
    t = time.perf_counter()
    read_ledger_xlsx(data, "import.xlsx")
    reading = time.perf_counter() - t
    with CaptureQueriesContext(connection) as captured:
        t = time.perf_counter()
        report = import_ledger(world["boss"], data, "import.xlsx", organisation=target, create_owners=owners)
        elapsed = time.perf_counter() - t
    assert report.stored, [str(e) for e in report.sheet.errors[:5]]
    sql = sum(float(q["time"]) for q in captured.captured_queries)
    print(f"导入：{len(captured.captured_queries)} 条 SQL")
    _line("导入 1 万行 .xlsx", elapsed, sql, "≤ 2× 裸 SQL", "s ")
    FIGURES.append(("  其中读取 .xlsx（不含数据库）", reading, None, "", "s "))
    print(f"{'  其中读取 .xlsx（不含数据库）':<34}{reading:>10.2f}s ")


if __name__ == "__main__":
    sys.exit(main())
