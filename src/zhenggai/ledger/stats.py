"""Dashboard figures computed from the data: counts, completion rate, the summary sentence, charts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from zhenggai.ledger.due import due_soon_q
from zhenggai.ledger.models import Measure, Problem, Status
from zhenggai.ledger.queries import overdue_q


@dataclass
class Summary:
    """The dashboard's counts: aspects, problems and how many are closed, measures per status."""

    aspects: int
    problems: int
    measures: int
    done: int
    in_progress: int
    blocked: int
    not_started: int
    closed: int

    @property
    def completion_rate(self) -> float:
        """Done measures as a percentage of all measures, to one decimal; 0.0 when there are none."""
        return round(100 * self.done / self.measures, 1) if self.measures else 0.0

    def sentence(self) -> str:
        """共查摆问题5方面18个，制定整改措施42条，已完成35条，正在推进5条，暂不具备整改条件2条"""
        found = (
            f"共查摆问题{self.aspects}方面{self.problems}个"
            if self.aspects
            else f"共查摆问题{self.problems}个"
        )
        text = (
            f"{found}，制定整改措施{self.measures}条，已完成{self.done}条，"
            f"正在推进{self.in_progress}条，暂不具备整改条件{self.blocked}条"
        )
        if self.not_started:
            text += f"，未启动{self.not_started}条"
        return text


def breakdown(measures: QuerySet[Measure]) -> list[tuple[str, int | None, int | None, int]]:
    """(status, unit id, owner id, count): one scan of the measures feeds status, unit and owner figures."""
    rows = measures.order_by().values_list("status", "unit_id", "owner_id").annotate(n=Count("id"))
    return [(status, unit, owner, n) for status, unit, owner, n in rows]


def summarise(
    problems: QuerySet[Problem],
    measures: QuerySet[Measure],
    rows: list[tuple[str, int | None, int | None, int]] | None = None,
) -> Summary:
    """The summary of these problems and measures counted from the live rows.

    `rows`: breakdown() rows of `measures` the caller already has (else they are fetched here).
    """
    p = problems.order_by().aggregate(
        problems=Count("id"),
        closed=Count("id", filter=Q(closed_at__isnull=False)),
    )
    aspects = problems.order_by().exclude(aspect="").values("aspect").distinct().count()
    return summary_of((p["problems"], p["closed"], aspects), breakdown(measures) if rows is None else rows)


def summary_of(
    problem_counts: tuple[int, int, int], rows: list[tuple[str, int | None, int | None, int]]
) -> Summary:
    """The summary from (problems, closed, aspects) and breakdown() rows."""
    problems, closed, aspects = problem_counts
    by_status: dict[str, int] = {}
    for status, _, _, n in rows:
        by_status[status] = by_status.get(status, 0) + n
    return Summary(
        aspects=aspects,
        problems=problems,
        closed=closed,
        measures=sum(by_status.values()),
        done=by_status.get(Status.DONE, 0),
        in_progress=by_status.get(Status.IN_PROGRESS, 0),
        blocked=by_status.get(Status.BLOCKED, 0),
        not_started=by_status.get(Status.NOT_STARTED, 0),
    )


#: Per unit or owner id: [measures, done].
CountsById = dict[int | None, list[int]]
Labelled = list[tuple[str, int, int]]


def by_unit_and_owner(rows: list[tuple[str, int | None, int | None, int]]) -> tuple[Labelled, Labelled]:
    """(label, count, done) per unit and per owner, from breakdown() rows and two small name lookups."""
    units: CountsById = {}
    owners: CountsById = {}
    for status, unit, owner, n in rows:
        done = n if status == Status.DONE else 0
        for table, key in ((units, unit), (owners, owner)):
            total = table.setdefault(key, [0, 0])
            total[0] += n
            total[1] += done
    return labelled(units, owners)


def _contenders(totals: CountsById, limit: int) -> CountsById:
    """The entries that can be among the `limit` largest bars (count at least the limit-th largest)."""
    if len(totals) <= limit:
        return totals
    floor = sorted((n for n, _ in totals.values()), reverse=True)[limit - 1]
    return {k: v for k, v in totals.items() if v[0] >= floor}


def labelled(units: CountsById, owners: CountsById, limit: int = 12) -> tuple[Labelled, Labelled]:
    """[count, done] per unit and owner id → (label, count, done) rows for bars(limit), named.

    Only the entries that can make the chart are named and kept: with 5,000 owners, a dozen.
    """
    from zhenggai.orgs.models import Organisation, User

    units, owners = _contenders(units, limit), _contenders(owners, limit)
    unit_names = dict(Organisation.objects.filter(pk__in=[k for k in units if k]).values_list("pk", "name"))
    # str(user), without building the users
    owner_names = {
        pk: display or username
        for pk, display, username in User.objects.filter(pk__in=[k for k in owners if k]).values_list(
            "pk", "display_name", "username"
        )
    }
    return (
        [(unit_names.get(k, "") if k else "", n, d) for k, (n, d) in units.items()],
        [(owner_names.get(k, "") if k else "", n, d) for k, (n, d) in owners.items()],
    )


@dataclass
class Bar:
    """One bar of an SVG chart: label, count and done, their widths in percent of the longest bar, its y."""

    label: str
    count: int
    done: int = 0
    width: float = 0.0
    done_width: float = 0.0
    y: int = 0


def bars(rows: list[tuple[str, int, int]], limit: int = 12) -> list[Bar]:
    """(label, count, done) → bars scaled to the largest count, for the SVG charts."""
    rows = sorted(rows, key=lambda r: (-r[1], r[0]))[:limit]
    top = max((r[1] for r in rows), default=0) or 1
    out = []
    for i, (label, count, done) in enumerate(rows):
        out.append(
            Bar(
                label=label or "（未填写）",
                count=count,
                done=done,
                width=round(100 * count / top, 1),
                done_width=round(100 * done / top, 1),
                y=i * 26,
            )
        )
    return out


def by_field(measures: QuerySet[Measure], field: str, label_field: str) -> list[tuple[str, int, int]]:
    """(label, count, done) for each value of `field` among the measures, labelled by `label_field`."""
    rows = (
        measures.order_by()
        .values(field, label_field)
        .annotate(n=Count("id"), done=Count("id", filter=Q(status=Status.DONE)))
    )
    return [(str(r[label_field] or ""), r["n"], r["done"]) for r in rows]


def status_bars(summary: Summary) -> list[Bar]:
    """The four status bars of the summary, always in this order: 已完成, 正在推进, 未启动, 暂不具备整改条件."""
    rows = [
        (Status.DONE.label, summary.done, summary.done),
        (Status.IN_PROGRESS.label, summary.in_progress, 0),
        (Status.NOT_STARTED.label, summary.not_started, 0),
        (Status.BLOCKED.label, summary.blocked, 0),
    ]
    top = max(r[1] for r in rows) or 1
    return [
        Bar(
            label=label,
            count=n,
            done=d,
            width=round(100 * n / top, 1),
            done_width=round(100 * d / top, 1),
            y=i * 26,
        )
        for i, (label, n, d) in enumerate(rows)
    ]


def overdue(measures: QuerySet[Measure], today: datetime.date, limit: int = 50) -> list[Measure]:
    """The first `limit` measures overdue on `today`, earliest deadline first."""
    return list(
        measures.filter(overdue_q(today))
        .select_related("owner", "unit", "problem")
        .order_by("deadline", "id")[:limit]
    )


def due_soon(measures: QuerySet[Measure], today: datetime.date, limit: int = 50) -> list[Measure]:
    """The first `limit` measures due soon on `today` (ledger/due.py), earliest deadline first."""
    return list(
        measures.filter(due_soon_q(today))
        .select_related("owner", "unit", "problem")
        .order_by("deadline", "id")[:limit]
    )
