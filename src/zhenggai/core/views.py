"""Helpers every page shares: 'not found' for what a user may not see, refusals rendered as pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhenggai.core.errors import Refusal

M = TypeVar("M", bound=Model)


def first_or_404(queryset: QuerySet[M], pk: object, message: str) -> M:
    """The row `pk` of `queryset` (already limited to what the user may see), else 404 with `message`.

    Rows the user may not see and rows that do not exist answer alike, so outsiders learn nothing.
    """
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(message)
    return found


#: What a form without the version it was based on is told: a page from before versions, or made by hand.
STALE_PAGE = "页面已过期，请刷新页面后重新操作"


def posted_version(data: Mapping[str, Any]) -> int:
    """The version of the row a form was based on (its hidden field `version`), for the service to compare.

    Raises Refusal (400) when it is missing or not a number: every edit form carries it.
    """
    raw = str(data.get("version", "")).strip()
    if not raw.isdigit():
        raise Refusal(STALE_PAGE)
    return int(raw)


def form_error(form: BaseForm) -> Refusal:
    """A form's field errors as one Chinese message, each prefixed by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = "；".join(str(e) for e in errors)
        parts.append(f"{label}：{text}" if label else text)
    return Refusal("；".join(parts) or "输入有误")


def refused(request: HttpRequest, template: str, context: dict[str, Any], error: Refusal) -> HttpResponse:
    """Render the page again with the refusal message and the status that says what happened."""
    return render(request, template, {**context, "error": error.message}, status=error.status)


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """The 'not allowed' page (HTTP 403) with a Chinese message saying who may do this."""
    return render(request, "web/forbidden.html", {"error": message}, status=403)
