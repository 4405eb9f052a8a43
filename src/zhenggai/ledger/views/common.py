"""Helpers every ledger view shares: fetching what the user may see, turning refusals into pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhenggai.ledger.access import visible_measures, visible_problems, visible_sources
from zhenggai.ledger.errors import LedgerError
from zhenggai.ledger.models import Measure, Problem, Source


def today() -> datetime.date:
    return timezone.localdate()


def measure_or_404(request: HttpRequest, pk: int) -> Measure:
    """A measure the user may see; anything else is 'not found', so outsiders learn nothing."""
    measure = (
        visible_measures(request.user)  # type: ignore[arg-type]
        .select_related("problem__source", "organisation", "owner", "unit")
        .filter(pk=pk)
        .first()
    )
    if measure is None:
        raise Http404("没有找到该整改措施，或您无权查看")
    return measure


def problem_or_404(request: HttpRequest, pk: int) -> Problem:
    problem = (
        visible_problems(request.user)  # type: ignore[arg-type]
        .select_related("source", "organisation", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if problem is None:
        raise Http404("没有找到该问题，或您无权查看")
    return problem


def source_or_404(request: HttpRequest, pk: int) -> Source:
    source = visible_sources(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if source is None:
        raise Http404("没有找到该问题来源，或您无权查看")
    return source


def row_class(measure: Measure, on: datetime.date | None = None) -> str:
    """'overdue' (red), 'due-soon' (yellow) or '' — the 督办 colours of a ledger row."""
    on = on or today()
    if measure.is_overdue(on):
        return "overdue"
    if measure.is_due_within(on, settings.DUE_SOON_DAYS):
        return "due-soon"
    return ""


def form_error(form: Form) -> LedgerError:
    """A form's field errors as one Chinese message."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    return LedgerError("；".join(parts) or "输入有误")


def refused(request: HttpRequest, template: str, context: dict[str, Any], error: LedgerError) -> HttpResponse:
    """Render the page again with the refusal message and the status that says what happened."""
    return render(request, template, {**context, "error": error.message}, status=error.status)
