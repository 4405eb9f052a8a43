"""The 查重 page of a report version: what it shares with colleagues' reports, the author's own
reports of earlier years and the office's reference texts (zhenggai.reviews.similar)."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from zhenggai.core.errors import Refusal
from zhenggai.core.views import first_or_404, forbidden, refused
from zhenggai.jobs.runner import start
from zhenggai.orgs.access import is_manager_anywhere, managed_organisations
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.reviews import references as reference_texts
from zhenggai.reviews.access import report_or_404, visible_versions
from zhenggai.reviews.models import ReferenceText
from zhenggai.reviews.references import MAX_FILES, MAX_UPLOAD_BYTES, check_upload
from zhenggai.reviews.similar import Found, find
from zhenggai.reviews.tasks import import_references, pending_dir
from zhenggai.reviews.views.common import version_or_404

TEMPLATE = "reviews/references.html"
DELETE_TEMPLATE = "reviews/reference_delete.html"
#: Who may manage reference texts (the list, the upload, deleting one).
MANAGERS_ONLY = "只有书记或办公室人员可以管理参考范文"


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
    context = {
        "report": report,
        "version": version,
        "matches": found.matches,
        "shares": found.shares,
        "may_manage_references": is_manager_anywhere(request.user),
    }
    return render(request, "reviews/similar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def references(request: AuthenticatedRequest) -> HttpResponse:
    """The reference texts (参考范文) of the organisations the user manages, and their bulk upload: a
    .zip or several .txt/.docx files, checked here (count, size, kind), then read, stored and indexed
    by a background job whose page shows the progress. For secretaries and the office: 403 otherwise.
    """
    user = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, MANAGERS_ONLY)
    organisations = managed_organisations(user).order_by("path")
    context: dict[str, Any] = {
        "organisations": organisations,
        "references": ReferenceText.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__path", "name")[:1000],
        "max_mb": MAX_UPLOAD_BYTES // 1048576,
        "max_files": MAX_FILES,
    }
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    try:
        raw = request.POST.get("organisation", "")
        organisation = organisations.filter(pk=int(raw)).first() if raw.isdigit() else None
        if organisation is None:
            raise Refusal("请选择参考范文所属的组织")
        uploads = request.FILES.getlist("files")
        check_upload([(f.name or "", f.size or 0) for f in uploads])
    except Refusal as exc:
        return refused(request, TEMPLATE, context, exc)
    token = secrets.token_urlsafe(16)
    folder = pending_dir(token)
    folder.mkdir(parents=True)
    for number, upload in enumerate(uploads):
        with (folder / f"{number}.bin").open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    names = [u.name or f"{n}.txt" for n, u in enumerate(uploads)]
    job = start(user, "导入参考范文", import_references, token, names, organisation.pk, back=request.path)
    return redirect(job)


@login_required
@require_http_methods(["GET", "POST"])
def reference_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what deleting the reference text removes, and a button to confirm; POST: delete it (with its
    查重 index entry, one transaction), then back to the list.

    403 for anyone who manages no organisation; 404 for a reference text of an organisation the user
    does not manage (as if it did not exist).
    """
    user = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, MANAGERS_ONLY)
    reference = first_or_404(
        ReferenceText.objects.filter(organisation__in=managed_organisations(user)).select_related(
            "organisation", "created_by"
        ),
        pk,
        "没有找到该参考范文，或您无权管理",
    )
    context = {"reference": reference, "characters": len(reference.text)}
    if request.method == "GET":
        return render(request, DELETE_TEMPLATE, context)
    try:
        reference_texts.delete(user, reference)
    except Refusal as exc:
        return refused(request, DELETE_TEMPLATE, context, exc)
    messages.success(request, f"参考范文“{reference.name}”已删除，查重不再与它对照")
    return redirect("reviews:references")
