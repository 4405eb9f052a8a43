"""The audit search page (书记/办公室 only): every change in their organisations, never editable."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.core.views import forbidden
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.views.markup import history_html
from zhenggai.orgs.access import is_manager_anywhere, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import MANAGING_ROLES

PAGE = 100
OBJECT_TYPES = {
    "source": "问题来源",
    "problem": "问题",
    "measure": "整改措施",
    "progress": "整改进展",
    "evidence": "佐证材料",
    "meeting": "会议",
}


def _date(raw: str, label: str, errors: list[str]) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors.append(f"“{label}”不是有效日期")
        return None


@login_required
@require_safe
def search(request: AuthenticatedRequest) -> HttpResponse:
    """The audit page: the entries of the organisations the user manages, newest first, 100 a page.

    Filters: text (object, summary or person), object type, date range. 403 for anyone who manages
    nowhere; a date that cannot be read is listed on the page, answered with 400.
    """
    user = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, "审计记录只有书记或办公室可以查询")
    params = request.GET
    errors: list[str] = []
    entries = AuditEntry.objects.filter(scope_q(user, MANAGING_ROLES, "organisation_path"))
    q = params.get("q", "").strip()[:100]
    if q:
        from django.db.models import Q

        entries = entries.filter(
            Q(object_repr__icontains=q) | Q(summary__icontains=q) | Q(actor_name__icontains=q)
        )
    kind = params.get("type", "")
    if kind in OBJECT_TYPES:
        entries = entries.filter(object_type=kind)
    since = _date(params.get("since", ""), "起始日期", errors)
    until = _date(params.get("until", ""), "截止日期", errors)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    before = params.get("before", "")
    if before.isdigit():
        entries = entries.filter(id__lt=int(before))
    rows = list(entries.order_by("-id")[: PAGE + 1])
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    query = params.copy()
    if more:
        query["before"] = str(rows[-1].pk)
    context = {
        "entries": rows,
        "history_html": history_html(rows),
        "q": q,
        "type": kind,
        "since": params.get("since", ""),
        "until": params.get("until", ""),
        "types": OBJECT_TYPES,
        "errors": errors,
        "next_query": query.urlencode() if more else "",
    }
    return render(request, "ledger/audit.html", context, status=400 if errors else 200)
