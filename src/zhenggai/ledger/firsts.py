"""The dashboard's overdue and due-soon lists of one part of the tree, without walking the province.

The list is the first `limit` open measures by (deadline, id) the user may see in the scope. Walking
the province-wide deadline index and keeping the scope's rows reads, for one city of five thousand
organisations, thousands of rows of the others before it has fifty (and a bitmap of every open
measure of the deadline range per unit): its cost grew with the whole ledger (issue 14).

On PostgreSQL, when the scope's organisations are few (see `_worth_it`), the candidates are instead
each organisation's own first `limit` from the partial index on (organisation, deadline, id) of the
open measures (one LATERAL query: a few index pages per organisation), plus the user's own and
led measures outside where he reads; the real query then runs on those ids only, with every filter
it had, so the list is exactly the same. For the whole province the deadline walk stays: there
nearly every row it meets is kept.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from zhenggai.ledger import stats
from zhenggai.ledger.access import led_problem_ids
from zhenggai.ledger.due import soon_days
from zhenggai.ledger.models import OPEN_STATUSES, Measure
from zhenggai.ledger.queries import due_within_q, overdue_q
from zhenggai.ledger.rollup import tops
from zhenggai.orgs.access import paths_with, scope_q
from zhenggai.orgs.models import READING_ROLES, User

#: Per-organisation walks cost a few index pages each, the deadline walk about one row per
#: (organisations of the province / organisations of the scope) kept: the walks win below √N·this.
BREAK_EVEN = 5


def lists(
    user: User,
    measures: QuerySet[Measure],
    source_id: int | None,
    org_path: str | None,
    today: datetime.date,
    limit: int = 50,
) -> tuple[list[Measure], list[Measure]]:
    """(stats.overdue(measures, today, limit), stats.due_soon(measures, today, limit)), `measures` being
    what the user sees of `source_id` and `org_path` (the dashboard's scope), read through each
    organisation's own first rows when that is cheaper."""
    if connection.vendor != "postgresql" or not _worth_it(paths := tops(user, org_path)):
        return stats.overdue(measures, today, limit), stats.due_soon(measures, today, limit)
    end = today + datetime.timedelta(days=soon_days() + 1)
    # Outside where he reads he sees his own and led measures, unless the scope is all where he reads.
    reads = paths_with(user, READING_ROLES)
    inside = user.is_superuser or (org_path is not None and any(org_path.startswith(p) for p in reads))
    scope = (user, None if inside else measures, source_id, paths)
    late = _candidates(*scope, (None, today), overdue_q(today), limit)
    soon = _candidates(*scope, (today, end), due_within_q(today, soon_days()), limit)
    return (
        stats.overdue(measures.filter(pk__in=late), today, limit),
        stats.due_soon(measures.filter(pk__in=soon), today, limit),
    )


def _worth_it(paths: list[str]) -> bool:
    """True when walking each organisation under `paths` is cheaper than the province's deadline index."""
    if not paths:
        return True
    like = " OR ".join(["path LIKE %s"] * len(paths))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE {like}), count(*) FROM orgs_organisation",
            [f"{path}%" for path in paths],
        )
        inside, total = cursor.fetchone()
    return bool(inside * inside < BREAK_EVEN * BREAK_EVEN * total)


def _candidates(
    user: User,
    outside: QuerySet[Measure] | None,
    source_id: int | None,
    paths: list[str],
    deadlines: tuple[datetime.date | None, datetime.date],
    condition: Q,
    limit: int,
) -> list[int]:
    """Ids among which the first `limit` of the user's measures meeting `condition` are.

    `deadlines` is (from, before): the condition's deadline range, from included (None: open below).
    Within the subtrees where he reads everything (`paths`, rollup.tops) each organisation's own first
    `limit` hold them; outside them, only his own and led measures of `outside` (the scope's visible
    measures; None when the scope holds none of those) are visible, read from the live rows.
    """
    ids = _firsts_by_organisation(paths, deadlines, source_id, limit) if paths else []
    if outside is not None:
        ids += list(
            outside.filter(condition)
            .filter(Q(owner=user) | Q(problem_id__in=led_problem_ids(user)))
            .exclude(scope_q(user, READING_ROLES))
            .order_by("deadline", "id")
            .values_list("id", flat=True)[:limit]
        )
    return ids


def _firsts_by_organisation(
    paths: list[str], deadlines: tuple[datetime.date | None, datetime.date], source_id: int | None, limit: int
) -> list[int]:
    """The first `limit` open measures by (deadline, id) with a deadline in `deadlines` (of `source_id`
    when given) among those of each organisation under `paths`: each one's own first `limit` from
    the partial index ledger_measure_open_by_org, then the first `limit` of them all."""
    low, high = deadlines
    where = ["m.organisation_id = o.id", "m.status IN (%s, %s)", "m.deadline < %s"]
    params: list[Any] = [*(str(s) for s in OPEN_STATUSES), high]
    if low is not None:
        where.append("m.deadline >= %s")
        params.append(low)
    if source_id:
        where.append("EXISTS (SELECT 1 FROM ledger_problem p WHERE p.id = m.problem_id AND p.source_id = %s)")
        params.append(source_id)
    like = " OR ".join(["o.path LIKE %s"] * len(paths))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM orgs_organisation o CROSS JOIN LATERAL (SELECT m.id, m.deadline "
            f"FROM ledger_measure m WHERE {' AND '.join(where)} ORDER BY m.deadline, m.id LIMIT %s) c "
            f"WHERE {like} ORDER BY c.deadline, c.id LIMIT %s",
            [*params, limit, *(f"{path}%" for path in paths), limit],
        )
        return [row[0] for row in cursor.fetchall()]
