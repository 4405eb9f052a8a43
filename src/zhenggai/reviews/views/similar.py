"""The 查重 page of a report version: what it shares with colleagues' reports, the author's own
reports of earlier years and the office's reference texts (zhenggai.reviews.similar)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.reviews.access import report_or_404, visible_versions
from zhenggai.reviews.similar import Found, find
from zhenggai.reviews.views.common import version_or_404


@login_required
@require_safe
def similar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Version `v` (the latest the user may read by default) against the others, most shared first:
    the passages side by side when the user may read both reports, only the size otherwise. 404 for
    a report he may not see.
    """
    report = report_or_404(request, pk)
    version = version_or_404(visible_versions(request.user, report), request.GET.get("v"))
    found = find(request.user, version) if version is not None else Found([], [])
    context = {"report": report, "version": version, "matches": found.matches, "shares": found.shares}
    return render(request, "reviews/similar.html", context)
