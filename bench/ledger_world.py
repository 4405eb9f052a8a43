"""The province-size ledger the benchmark runs on: organisations, people, sources, problems, measures.

Rows are streamed to PostgreSQL COPY as they are made, not through the ORM, with the measures'
indexes, triggers and foreign-key checks off during the load (`bulk_load`): the indexes are then
built once, the dashboard's per-ancestor totals counted once by one statement, the foreign keys
checked once, and VACUUM ANALYZE gives the planner its statistics before anything is measured.
"""

from __future__ import annotations

import array
import contextlib
import datetime
import importlib
import random
import time
from collections.abc import Iterable, Iterator
from typing import Any

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

# The columns COPY fills, in the order of the rows built below.
USER_COLUMNS = (  # noqa: SIM905
    "id username password display_name first_name last_name email is_superuser is_staff is_active date_joined"
).split()
SOURCE_COLUMNS = (  # noqa: SIM905
    "id kind organisation_id title year theme inspecting_body feedback_date created_at version"
).split()
PROBLEM_COLUMNS = (  # noqa: SIM905
    "id source_id organisation_id number aspect category description closed_at closed_by_id close_note "
    "reopened_at reopen_reason created_at updated_at version"
).split()
MEASURE_COLUMNS = (  # noqa: SIM905
    "id problem_id organisation_id number text owner_id unit_id term deadline original_deadline "
    "extension_reason status completion_note completed_on blocked_reason review_date finished_late "
    "done_without_evidence search_text created_at updated_at version"
).split()
#: closed_at, closed_by_id, close_note, reopened_at, reopen_reason of a problem still open.
OPEN = (None, None, "", None, "")
PROGRESS_COLUMNS = "measure_id date text author_id status_before status_after created_at".split()  # noqa: SIM905


def generate(n_orgs: int, n_measures: int) -> dict[str, Any]:
    """Organisations, people, sources, problems, measures and some progress, by COPY.

    Returns what the figures need: the province office's user (`boss`), the `root` and one `city`
    organisation, a source id, an owner id and the number of measures.
    """
    from django.db import connection

    from zhenggai.orgs.models import Membership, Organisation, Role, User

    _STARTED[0] = time.perf_counter()
    rng = random.Random(20261127)
    now = datetime.datetime.now(datetime.UTC)
    root = Organisation.objects.create(name="省委")
    boss = User.objects.create_user(username="bench", password="bench-password-1", display_name="省委办公室")
    Membership.objects.create(user=boss, organisation=root, role=Role.OFFICE)
    city_ids, org_ids = _organisations(connection, root, n_orgs, now)
    first_user, people_by_org = _people(connection, org_ids, n_orgs, now)
    _sources(connection, org_ids, now)
    with bulk_load(connection, ("ledger_problem", "ledger_measure", "ledger_progress")):
        _problems_and_measures(connection, rng, org_ids, people_by_org, boss.pk, n_measures, now)
    _analyse(connection)
    return {
        "boss": boss,
        "root": root,
        "city": Organisation.objects.get(pk=city_ids[0]),
        "source": 1,
        "owner": first_user,
        "measures": n_measures,
    }


def _organisations(
    connection: Any, root: Any, n_orgs: int, now: datetime.datetime
) -> tuple[list[int], list[int]]:
    """A two-level tree below `root`: √n cities, then units; (city ids, every id but the root's)."""
    from zhenggai.orgs.models import Organisation

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
    return city_ids, [r[0] for r in org_rows]


def _people(
    connection: Any, org_ids: list[int], n_orgs: int, now: datetime.datetime
) -> tuple[int, dict[int, list[int]]]:
    """Five members an organisation (fifty at least); (the first one's id, the members of each)."""
    from zhenggai.orgs.models import Membership, Role, User

    n_people = max(50, n_orgs * 5)
    first_user = User.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    people = [
        (first_user + i, f"p{i}", "!", f"干部{i}", "", "", "", False, False, True, now)
        for i in range(n_people)
    ]
    _copy(connection, User, USER_COLUMNS, people)
    person_org = {first_user + i: org_ids[i % len(org_ids)] for i in range(n_people)}
    _copy(
        connection,
        Membership,
        ["user_id", "organisation_id", "role", "created_at"],
        [(pk, org, Role.MEMBER.value, now) for pk, org in person_org.items()],
    )
    people_by_org: dict[int, list[int]] = {}
    for pk, org in person_org.items():
        people_by_org.setdefault(org, []).append(pk)
    return first_user, people_by_org


def _sources(connection: Any, org_ids: list[int], now: datetime.datetime) -> None:
    """One democratic-life meeting of 2025 for each organisation (source id = its place + 1)."""
    from zhenggai.ledger.models import Source

    rows = [
        (i + 1, "democratic_life", org, f"2025年度民主生活会（{org}）", 2025, "", "", None, now, 1)
        for i, org in enumerate(org_ids)
    ]
    _copy(connection, Source, SOURCE_COLUMNS, rows)


def _problems_and_measures(
    connection: Any,
    rng: random.Random,
    org_ids: list[int],
    people_by_org: dict[int, list[int]],
    boss: int,
    n_measures: int,
    now: datetime.datetime,
) -> None:
    """Problems with two to four measures each until there are `n_measures`; progress on every tenth.

    The rows are streamed to COPY as they are made (five million tuples held at once would take
    gigabytes): the problems first, keeping only each one's kind and number of measures, then the
    measures from them.
    """
    from zhenggai.ledger.models import Measure, Problem, Progress

    kinds, counts = array.array("b"), array.array("b")
    total = 0
    while total < n_measures:
        kinds.append(rng.randrange(8))
        counts.append(rng.choice((2, 3, 3, 4)))
        total += counts[-1]
    source_of = {org: i + 1 for i, org in enumerate(org_ids)}

    def problems() -> Iterator[tuple[Any, ...]]:
        for index, p in enumerate(kinds):
            problem_id = index + 1
            org = org_ids[problem_id % len(org_ids)]
            yield (
                problem_id,
                source_of[org],
                org,
                problem_id,
                ASPECTS[p % 6],
                "",
                PROBLEMS[p],
                *OPEN,
                now,
                now,
                1,
            )

    _copy(connection, Problem, PROBLEM_COLUMNS, problems())
    _say(f"问题 {len(kinds):,} 个已写入")
    _copy(
        connection, Measure, MEASURE_COLUMNS, _measures(rng, kinds, counts, org_ids, people_by_org, boss, now)
    )
    _say(f"整改措施 {total:,} 条已写入")
    today = datetime.date.today()
    _copy(
        connection,
        Progress,
        PROGRESS_COLUMNS,
        (
            (pk, today, "按计划推进，已召开专题会议", boss, "", "in_progress", now)
            for pk in range(10, total + 1, 10)
        ),
    )


def _measures(
    rng: random.Random,
    kinds: array.array[int],
    counts: array.array[int],
    org_ids: list[int],
    people_by_org: dict[int, list[int]],
    boss: int,
    now: datetime.datetime,
) -> Iterator[tuple[Any, ...]]:
    """The measures of the problems (`kinds`, `counts`), as COPY rows."""
    from zhenggai.ledger.search import search_tokens

    tokens = {(p, m): search_tokens(f"{PROBLEMS[p]} {MEASURES[m]}") for p in range(8) for m in range(8)}
    today = datetime.date.today()
    days = [today + datetime.timedelta(days=d) for d in range(-400, 400)]
    measure_id = 0
    for index, p in enumerate(kinds):
        problem_id = index + 1
        org = org_ids[problem_id % len(org_ids)]
        people = people_by_org.get(org) or [boss]
        for number in range(1, counts[index] + 1):
            measure_id += 1
            m = rng.randrange(8)
            status = rng.choice(STATUSES)
            term = rng.choice(TERMS)
            deadline = None if term == "ongoing" else days[rng.randrange(800)]
            owner = rng.choice(people)
            what = (measure_id, problem_id, org, number, f"{MEASURES[m]}（{measure_id}）", owner, org, term)
            notes = (
                "已落实" if status == "done" else "",
                None,
                "待条件具备" if status == "blocked" else "",
                None,
            )
            when = (deadline, None, "", status, *notes, False, status == "done", tokens[p, m], now, now, 1)
            yield (*what, *when)


@contextlib.contextmanager
def bulk_load(connection: Any, tables: tuple[str, ...]) -> Iterator[None]:
    """Load `tables` fast: their secondary indexes dropped, and triggers and foreign-key checks off
    (session_replication_role = replica) while the rows go in; then the indexes built once, the
    dashboard's per-ancestor totals counted once from every row (migration 0014's `fill`), and the
    foreign keys checked once.

    What the triggers would have done row by row is done by one statement a table after the load.
    """
    raw = _raw(connection)
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [list(tables)],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET session_replication_role = replica")
    raw.commit()
    try:
        yield
    finally:
        with raw.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _, definition in indexes:
                cursor.execute(definition)
        raw.commit()
    _say("索引已重建")
    fill = importlib.import_module("zhenggai.ledger.migrations.0014_ancestor_rollup").fill
    with raw.cursor() as cursor:
        cursor.execute("SET work_mem = '512MB'")
        for statement in fill("postgresql"):
            cursor.execute(statement)
        _say("看板汇总已计算")
        _check_foreign_keys(cursor, tables)
        cursor.execute("RESET work_mem")
    raw.commit()
    _say("外键已核对")


def _say(what: str) -> None:
    """Print a step of the load with the seconds since the first step."""
    print(f"  {time.perf_counter() - _STARTED[0]:7.1f} s  {what}", flush=True)


#: When generate() began, for _say().
_STARTED = [0.0]


def _check_foreign_keys(cursor: Any, tables: tuple[str, ...]) -> None:
    """Every foreign key of `tables` points at a row (the load skipped the checks): fail loudly if not."""
    cursor.execute(
        "SELECT conrelid::regclass::text, a.attname, confrelid::regclass::text, f.attname "
        "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])",
        [list(tables)],
    )
    for table, column, target, key in cursor.fetchall():
        cursor.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {target} x WHERE x.{key} = t.{column})"
        )
        dangling = cursor.fetchone()[0]
        assert not dangling, f"{dangling} rows of {table}.{column} point at no {target}"


def _analyse(connection: Any) -> None:
    """Move each id sequence past the copied rows, and give the planner fresh statistics."""
    from zhenggai.ledger.models import Measure, Problem, Progress, Source
    from zhenggai.orgs.models import Organisation, User

    with connection.cursor() as cursor:
        for model in (Organisation, User, Source, Problem, Measure, Progress):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("VACUUM ANALYZE")
    _say("VACUUM ANALYZE 完成")


def _raw(connection: Any) -> Any:
    """The psycopg connection under Django's."""
    connection.ensure_connection()
    return connection.connection


def _copy(connection: Any, model: Any, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    raw = _raw(connection)
    table = model._meta.db_table
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    raw.commit()
