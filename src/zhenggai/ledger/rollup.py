"""The dashboard's figures from the totals the database's triggers keep per ancestor (migration 0014).

An organisation's rows in `ledger_measure_tree` and `ledger_problem_tree` hold the totals of itself
and every organisation below it, per source and for every source (source 0). So the figures of the
whole province are the root's rows — four statuses, a few aspects, and the dozen largest units and
owners read from an index on the count, and the open measures per deadline for the overdue and
due-soon counts — whatever the size of the ledger.

Same figures as grouping the live rows (stats.py). Who sees what is the same rule as access.py:
measures of the organisations where the user reads (the subtrees of his topmost such organisations,
one row set each), plus his own measures anywhere (those few are counted from the live rows);
problems of those organisations, plus the problems of his own measures; everything for the operator
(a superuser: the subtrees of the top organisations).
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Count, Q, QuerySet

from zhenggai.ledger import due
from zhenggai.ledger.access import led_problem_ids
from zhenggai.ledger.models import Measure, Problem, Status
from zhenggai.orgs.access import paths_with, scope_q
from zhenggai.orgs.models import READING_ROLES, Organisation, User

Row = tuple[str, int | None, int | None, int]
#: The bars a chart shows (stats.labelled, stats.bars): only units and owners that can be among them are read.
CHART_BARS = 12


class Totals(NamedTuple):
    """What the dashboard reads from the tree: rows per status, [count, done] per unit id and per owner
    id (those that can make the chart, at least), and (aspect, count, done).
    """

    statuses: list[Row]
    units: dict[int | None, list[int]]
    owners: dict[int | None, list[int]]
    aspects: list[tuple[str, int, int]]


def enabled() -> bool:
    """True where triggers keep the tree tables: PostgreSQL and SQLite (migration 0014).

    Any other database has none, and the dashboard counts the live rows there.
    """
    return connection.vendor in ("postgresql", "sqlite")


def _id(path: str) -> int:
    """The organisation's own id, the last of its path ("000001/000007/" → 7)."""
    return int(path.rstrip("/").rsplit("/", 1)[-1])


def ancestors(user: User, org_path: str | None) -> list[int]:
    """The organisations whose subtrees make what the user reads (within `org_path` when given)."""
    return [_id(path) for path in tops(user, org_path)]


def tops(user: User, org_path: str | None) -> list[str]:
    """The paths of the organisations whose subtrees make what the user reads (within `org_path`).

    Subtrees are disjoint or nested: within one organisation's subtree the user reads either all of it
    (he reads at it or above) or the subtrees of his own organisations inside it.
    """
    if user.is_superuser:
        paths = list(Organisation.objects.filter(parent__isnull=True).values_list("path", flat=True))
    else:
        paths = paths_with(user, READING_ROLES)
    if org_path is not None:
        if any(org_path.startswith(top) for top in paths):
            paths = [org_path]
        else:
            paths = [top for top in paths if top.startswith(org_path)]
    return paths


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _in(ids: list[int] | list[str]) -> str:
    return ", ".join(["%s"] * len(ids))


def _own_measures(user: User, source_id: int | None, org_path: str | None) -> QuerySet[Measure]:
    """His own measures and those of the work groups he leads, outside the organisations where he reads
    (none for the operator): what access.visible_measures adds to his organisations' subtrees."""
    own = Measure.objects.filter(Q(owner=user) | Q(problem_id__in=led_problem_ids(user))).exclude(
        scope_q(user, READING_ROLES)
    )
    if source_id:
        own = own.filter(problem__source_id=source_id)
    if org_path is not None:
        own = own.filter(organisation__path__startswith=org_path)
    return own


def _key(item: str) -> int | None:
    return int(item) if item else None


def totals(user: User, source_id: int | None, org_path: str | None) -> Totals:
    """Counts per status (as stats.breakdown() rows with no unit and owner), [count, done] per unit and
    per owner (every one that can be among the chart's bars, as stats.labelled() keeps them), and
    (aspect, count, done) as stats.by_field(measures, "problem__aspect", …) gives."""
    ids = ancestors(user, org_path)
    source = source_id or 0
    statuses: dict[str, int] = {}
    aspects: dict[str, list[int]] = {}
    units: dict[int | None, list[int]] = {}
    owners: dict[int | None, list[int]] = {}
    own = list(
        _own_measures(user, source_id, org_path)
        .order_by()
        .values_list("status", "unit_id", "owner_id", "problem__aspect")
        .annotate(n=Count("id"))
    )
    if ids:
        for dim, item, n, done in _fetch(
            "SELECT dim, item, sum(n), sum(done) FROM ledger_measure_tree "
            f"WHERE ancestor_id IN ({_in(ids)}) AND source_id = %s AND dim IN ('s', 'a') "
            "GROUP BY dim, item HAVING sum(n) > 0",
            [*ids, source],
        ):
            if dim == "s":
                statuses[item] = int(n)
            else:
                aspects[item] = [int(n), int(done)]
        wanted_units = sorted({str(unit) if unit else "" for _, unit, _, _, _ in own})
        wanted_owners = sorted({str(owner) if owner else "" for _, _, owner, _, _ in own})
        for item, n, done in _largest(ids, source, "u", wanted_units):
            units[_key(item)] = [int(n), int(done)]
        for item, n, done in _largest(ids, source, "o", wanted_owners):
            owners[_key(item)] = [int(n), int(done)]
    for status, unit, owner, aspect, n in own:
        done = n if status == Status.DONE else 0
        statuses[status] = statuses.get(status, 0) + n
        for table, key in ((units, unit), (owners, owner)):
            entry = table.setdefault(key or None, [0, 0])
            entry[0] += n
            entry[1] += done
        entry = aspects.setdefault(aspect or "", [0, 0])
        entry[0] += n
        entry[1] += done
    return Totals(
        statuses=[(status, None, None, n) for status, n in statuses.items()],
        units=units,
        owners=owners,
        aspects=[(aspect, n, done) for aspect, (n, done) in aspects.items()],
    )


def _largest(ids: list[int], source: int, dim: str, wanted: list[str]) -> list[tuple[Any, ...]]:
    """(item, n, done) of units ('u') or owners ('o'): those that can be among the chart's bars, and the
    `wanted` items (to which the live rows add).

    Under one ancestor the index on (ancestor, source, dim, n) gives the CHART_BARS-th largest count,
    and every item at least that large is read (ties included); several ancestors are summed whole.
    """
    wanted_sql = f" OR item IN ({_in(wanted)})" if wanted else ""
    if len(ids) == 1:
        key = [ids[0], source, dim]
        return _fetch(
            "SELECT item, n, done FROM ledger_measure_tree WHERE ancestor_id = %s AND source_id = %s "
            "AND dim = %s AND n > 0 AND (n >= coalesce((SELECT n FROM ledger_measure_tree "
            "WHERE ancestor_id = %s AND source_id = %s AND dim = %s ORDER BY n DESC "
            f"LIMIT 1 OFFSET {CHART_BARS - 1}), 0){wanted_sql})",
            [*key, *key, *wanted],
        )
    return _fetch(
        "SELECT item, sum(n), sum(done) FROM ledger_measure_tree "
        f"WHERE ancestor_id IN ({_in(ids)}) AND source_id = %s AND dim = %s GROUP BY item HAVING sum(n) > 0",
        [*ids, source, dim],
    )


def problem_counts(user: User, source_id: int | None, org_path: str | None) -> tuple[int, int, int]:
    """(problems, closed problems, distinct non-empty aspects) the user may see."""
    ids = ancestors(user, org_path)
    rows = (
        _fetch(
            "SELECT aspect, sum(n), sum(closed) FROM ledger_problem_tree "
            f"WHERE ancestor_id IN ({_in(ids)}) AND source_id = %s GROUP BY aspect HAVING sum(n) > 0",
            [*ids, source_id or 0],
        )
        if ids
        else []
    )
    problems = sum(int(n) for _, n, _ in rows)
    closed = sum(int(c) for _, _, c in rows)
    aspects = {aspect for aspect, _, _ in rows if aspect}
    # Problems outside his organisations that hold one of his own measures or that his groups drive.
    mine = Measure.objects.filter(owner=user).values("problem_id")
    own = Problem.objects.filter(Q(pk__in=mine) | Q(pk__in=led_problem_ids(user))).exclude(
        scope_q(user, READING_ROLES)
    )
    if source_id:
        own = own.filter(source_id=source_id)
    if org_path is not None:
        own = own.filter(organisation__path__startswith=org_path)
    for _, aspect, closed_at in own.distinct().values_list("pk", "aspect", "closed_at"):
        problems += 1
        closed += closed_at is not None
        if aspect:
            aspects.add(aspect)
    return problems, closed, len(aspects)


def due_counts(user: User, source_id: int | None, org_path: str | None, today: datetime.date) -> due.Counts:
    """Overdue and due-soon counts on `today`, as due.counts() gives from the live rows: the open
    measures' deadlines ('d' rows) before today, and from today to due.soon_days() later."""
    ids = ancestors(user, org_path)
    first, last = today.isoformat(), (today + datetime.timedelta(days=due.soon_days())).isoformat()
    overdue = soon = 0
    if ids:
        rows = _fetch(
            "SELECT sum(CASE WHEN item < %s THEN n ELSE 0 END), sum(CASE WHEN item >= %s THEN n ELSE 0 END) "
            f"FROM ledger_measure_tree WHERE ancestor_id IN ({_in(ids)}) AND source_id = %s AND dim = 'd' "
            "AND item <> '' AND item <= %s",
            [first, first, *ids, source_id or 0, last],
        )
        overdue, soon = (int(x or 0) for x in rows[0])
    own = due.counts(_own_measures(user, source_id, org_path), today)
    return due.Counts(overdue + own.overdue, soon + own.due_soon)
