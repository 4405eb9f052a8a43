"""The dashboard per source and per organisation: counts, rate, summary sentence, SVG charts, lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.ledger import due, firsts, queries, rollup, stats
from zhenggai.ledger.access import visible_measures, visible_problems, visible_sources
from zhenggai.ledger.models import Measure, Problem
from zhenggai.ledger.views import rows
from zhenggai.ledger.views.options import options
from zhenggai.ledger.views.table import choice_lists
from zhenggai.orgs.access import known_organisations
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import User


@login_required
@require_safe
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """The dashboard (看板) of the measures and problems the user may see, for one source and one
    organisation when asked: the summary sentence, charts by status, aspect, unit and owner, the
    overdue and due-soon lists with their counts (ledger/due.py, counted when asked). On PostgreSQL
    the summary and charts come from the rollup.
    """
    user: User = request.user
    f = queries.parse_filter(request.GET)
    measures = visible_measures(user)
    problems = visible_problems(user)
    source = organisation = None
    if f.source:
        source = visible_sources(user).filter(pk=f.source).first()
        measures = measures.filter(problem__source_id=f.source)
        problems = problems.filter(source_id=f.source)
    if f.organisation:
        organisation = known_organisations(user).filter(pk=f.organisation).first()
        path = organisation.path if organisation else "-"
        measures = measures.filter(organisation__path__startswith=path)
        problems = problems.filter(organisation__path__startswith=path)
    on = today()
    lists = choice_lists(user)  # kept a few seconds, as the ledger page keeps them
    scope = ((organisation.path if organisation else "-") if f.organisation else None, f.source)
    summary, aspect_rows, unit_rows, owner_rows = _figures(user, scope, measures, problems)
    overdue, due_soon = firsts.lists(user, measures, f.source, scope[0], on)
    context = {
        "f": f,
        "source": source,
        "organisation": organisation,
        "source_options": options(lists["sources"], f.source),
        "organisation_options": options(lists["organisations"], f.organisation),
        "summary": summary,
        "status_bars": stats.status_bars(summary),
        "aspect_bars": stats.bars(aspect_rows),
        "unit_bars": stats.bars(unit_rows),
        "owner_bars": stats.bars(owner_rows),
        "overdue": overdue,
        "due_soon": due_soon,
        "overdue_rows": rows.measure_list(overdue, "overdue"),
        "due_soon_rows": rows.measure_list(due_soon, "due-soon"),
        "due_counts": rollup.due_counts(user, f.source, scope[0], on)
        if rollup.enabled()
        else due.counts(measures, on),
        "due_soon_days": due.soon_days(),
        "getting_started": not visible_problems(user).exists(),
    }
    return render(request, "ledger/dashboard.html", context)


def _figures(
    user: User, scope: tuple[str | None, int | None], measures: QuerySet[Measure], problems: QuerySet[Problem]
) -> tuple[stats.Summary, stats.Labelled, stats.Labelled, stats.Labelled]:
    """(summary, aspect rows, unit rows, owner rows): from the rollup (PostgreSQL, SQLite), else counted live.

    `scope` is (organisation path or None, source id or None); `measures` and `problems` are the
    same scope as querysets, for the live count.
    """
    path, source = scope
    if rollup.enabled():
        totals = rollup.totals(user, source, path)
        summary = stats.summary_of(rollup.problem_counts(user, source, path), totals.statuses)
        return (summary, totals.aspects, *stats.labelled(totals.units, totals.owners))
    rows = stats.breakdown(measures)
    summary = stats.summarise(problems, measures, rows)
    aspect_rows = stats.by_field(measures, "problem__aspect", "problem__aspect")
    return (summary, aspect_rows, *stats.by_unit_and_owner(rows))
