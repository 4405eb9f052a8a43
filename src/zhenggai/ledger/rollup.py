"""The dashboard's figures from the rollup tables the database's triggers keep (migrations 0005, 0012).

Same figures as grouping the live rows (stats.py), read from a few thousand rollup rows instead of
a million measures. Who sees what is the same rule as access.py: measures of the organisations
where the user reads, plus his own measures anywhere; problems of those organisations, plus the
problems of his own measures (those few are counted from the live rows); everything for the
operator (a superuser).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db import connection

from zhenggai.ledger.models import Problem, Status
from zhenggai.orgs.access import paths_with, scope_q
from zhenggai.orgs.models import READING_ROLES, User

Row = tuple[str, int | None, int | None, int]


class Totals(NamedTuple):
    """What the dashboard reads from one scan of the rollup: rows per status, [count, done] per unit id
    and per owner id, and (aspect, count, done).
    """

    statuses: list[Row]
    units: dict[int | None, list[int]]
    owners: dict[int | None, list[int]]
    aspects: list[tuple[str, int, int]]


def enabled() -> bool:
    """True where triggers keep the rollup tables: PostgreSQL (0005, 0006) and SQLite (0012).

    Any other database has no rollup, and the dashboard counts the live rows there.
    """
    return connection.vendor in ("postgresql", "sqlite")


def _where(user: User, source_id: int | None, org_path: str | None, *, own: bool) -> tuple[str, list[Any]]:
    """The WHERE clause over rollup `r` joined to its organisation `o`, and its parameters."""
    params: list[Any] = []
    if user.is_superuser:
        scope = "TRUE"  # the operator sees everything, as access.py has it
    else:
        paths = paths_with(user, READING_ROLES)
        scope = " OR ".join(["o.path LIKE %s"] * len(paths)) or "FALSE"
        params += [p + "%" for p in paths]
    if own:
        scope = f"({scope}) OR r.owner_id = %s"
        params.append(user.pk)
    where = [f"({scope})"]
    if source_id:
        where.append("r.source_id = %s")
        params.append(source_id)
    if org_path is not None:
        where.append("o.path LIKE %s")
        params.append(org_path + "%")
    return " AND ".join(where), params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def breakdown(user: User, source_id: int | None, org_path: str | None) -> list[Row]:
    """(status, unit id, owner id, count), as stats.breakdown() gives from the live rows."""
    where, params = _where(user, source_id, org_path, own=True)
    rows = _fetch(
        "SELECT r.status, r.unit_id, r.owner_id, sum(r.n) FROM ledger_measure_rollup r "
        f"JOIN orgs_organisation o ON o.id = r.organisation_id WHERE {where} "
        "GROUP BY r.status, r.unit_id, r.owner_id HAVING sum(r.n) > 0",
        params,
    )
    return [(status, unit or None, owner or None, int(n)) for status, unit, owner, n in rows]


def totals(user: User, source_id: int | None, org_path: str | None) -> Totals:
    """What the dashboard needs from one scan of the rollup: counts per status (as breakdown() rows
    with no unit and owner), [count, done] per unit and per owner (as stats.by_unit_and_owner() adds
    up), and (aspect, count, done) as stats.by_field(measures, "problem__aspect", …) gives."""
    where, params = _where(user, source_id, org_path, own=True)
    if connection.vendor != "postgresql":
        return _totals_grouped_apart(where, params)
    rows = _fetch(
        "SELECT GROUPING(r.status, r.unit_id, r.owner_id, r.aspect), r.status, r.unit_id, r.owner_id, "
        "r.aspect, sum(r.n), coalesce(sum(r.n) FILTER (WHERE r.status = %s), 0) "
        f"FROM ledger_measure_rollup r JOIN orgs_organisation o ON o.id = r.organisation_id WHERE {where} "
        "GROUP BY GROUPING SETS ((r.status), (r.unit_id), (r.owner_id), (r.aspect)) HAVING sum(r.n) > 0",
        [Status.DONE.value, *params],
    )
    out = Totals([], {}, {}, [])
    for grouping, status, unit, owner, aspect, n, done in rows:
        if grouping == 0b0111:  # grouped by status
            out.statuses.append((status, None, None, int(n)))
        elif grouping == 0b1011:  # by unit
            out.units[unit or None] = [int(n), int(done)]
        elif grouping == 0b1101:  # by owner
            out.owners[owner or None] = [int(n), int(done)]
        else:  # by aspect
            out.aspects.append((aspect or "", int(n), int(done)))
    return out


def _totals_grouped_apart(where: str, params: list[Any]) -> Totals:
    """totals() where GROUPING SETS is missing (SQLite): one grouped scan per dimension."""
    out = Totals([], {}, {}, [])
    for column in ("status", "unit_id", "owner_id", "aspect"):
        rows = _fetch(
            f"SELECT r.{column}, sum(r.n), coalesce(sum(CASE WHEN r.status = %s THEN r.n END), 0) "
            f"FROM ledger_measure_rollup r JOIN orgs_organisation o ON o.id = r.organisation_id "
            f"WHERE {where} GROUP BY r.{column} HAVING sum(r.n) > 0",
            [Status.DONE.value, *params],
        )
        for key, n, done in rows:
            if column == "status":
                out.statuses.append((key, None, None, int(n)))
            elif column == "aspect":
                out.aspects.append((key or "", int(n), int(done)))
            else:
                (out.units if column == "unit_id" else out.owners)[key or None] = [int(n), int(done)]
    return out


def problem_counts(user: User, source_id: int | None, org_path: str | None) -> tuple[int, int, int]:
    """(problems, closed problems, distinct non-empty aspects) the user may see."""
    where, params = _where(user, source_id, org_path, own=False)
    rows = _fetch(
        "SELECT r.aspect, sum(r.n), sum(r.closed) FROM ledger_problem_rollup r "
        f"JOIN orgs_organisation o ON o.id = r.organisation_id WHERE {where} "
        "GROUP BY r.aspect HAVING sum(r.n) > 0",
        params,
    )
    problems = sum(int(n) for _, n, _ in rows)
    closed = sum(int(c) for _, _, c in rows)
    aspects = {aspect for aspect, _, _ in rows if aspect}
    # Problems outside his organisations that hold one of his own measures.
    own = Problem.objects.filter(measures__owner=user).exclude(scope_q(user, READING_ROLES))
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
