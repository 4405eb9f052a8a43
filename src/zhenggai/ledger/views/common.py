"""Helpers every ledger view shares: the rows a user may see, and the 督办 colours of a row."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest

from zhenggai.core.dates import today
from zhenggai.core.views import first_or_404
from zhenggai.ledger import due
from zhenggai.ledger.access import visible_measures, visible_problems, visible_sources
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Problem, Source
from zhenggai.ledger.views.markup import history_html
from zhenggai.orgs.http import AuthenticatedRequest


def measure_or_404(request: AuthenticatedRequest, pk: int) -> Measure:
    """A measure the user may see; anything else is 'not found', so outsiders learn nothing."""
    measures = visible_measures(request.user).select_related(
        "problem__source", "organisation", "owner", "unit"
    )
    return first_or_404(measures, pk, "没有找到该整改措施，或您无权查看")


def problem_or_404(request: AuthenticatedRequest, pk: int) -> Problem:
    """A problem the user may see; anything else is 'not found'."""
    problems = visible_problems(request.user).select_related("source", "organisation", "closed_by")
    return first_or_404(problems, pk, "没有找到该问题，或您无权查看")


def source_or_404(request: AuthenticatedRequest, pk: int) -> Source:
    """A source of problems the user may see; anything else is 'not found'."""
    return first_or_404(visible_sources(request.user), pk, "没有找到该问题来源，或您无权查看")


def row_class(measure: Measure, on: datetime.date | None = None) -> str:
    """'overdue' (red), 'due-soon' (yellow) or '' — the 督办 colours of a ledger row."""
    return due.state(measure, on or today())


#: Entries of a page's 修改记录 shown at first; ?history=all shows up to HISTORY_ALL.
HISTORY_FIRST, HISTORY_ALL = 20, 200


def history_page(request: HttpRequest, entries: QuerySet[AuditEntry]) -> dict[str, object]:
    """The newest audit entries for a problem's or measure's page: HISTORY_FIRST of them (the page
    stays light however long the history grows), all up to HISTORY_ALL with ?history=all; and
    whether more are left to show.
    """
    limit = HISTORY_ALL if request.GET.get("history") == "all" else HISTORY_FIRST
    rows = list(entries.order_by("-at", "-id")[: limit + 1])
    audit, more = rows[:limit], len(rows) > limit and limit == HISTORY_FIRST
    return {"audit": audit, "audit_more": more, "history_html": history_html(audit, more)}
