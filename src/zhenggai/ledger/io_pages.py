"""Pages for Excel in and out: export any filtered ledger view, import a ledger with check then confirm."""

from __future__ import annotations

import contextlib
import itertools
import secrets
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.core.views import forbidden
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx
from zhenggai.jobs.runner import start
from zhenggai.ledger import queries, tasks
from zhenggai.ledger.access import managed_sources, visible_measures
from zhenggai.ledger.documents_out import ledger_document, ledger_filename
from zhenggai.ledger.exports import FORMATS, export_chunks, export_filename
from zhenggai.ledger.import_preview import load_preview, preview_of
from zhenggai.ledger.imports import MAX_IMPORT_BYTES, ImportReport, import_sheet
from zhenggai.ledger.models import Campaign, Measure, Source
from zhenggai.ledger.tasks import pending_dir
from zhenggai.ledger.views.documents import DOCX
from zhenggai.orgs.access import is_manager_anywhere, managed_organisations, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import MANAGING_ROLES, User

_SESSION_KEY = "ledger_import"


@login_required
@require_GET
def export(request: AuthenticatedRequest) -> HttpResponseBase:
    """The ledger page's filter, as .xlsx (default) or CSV, streamed: ?format=csv&status=done…;
    ?format=docx: the same rows as the 整改台账 in Word on landscape pages (400 above 3,000 rows)."""
    user: User = request.user
    fmt = request.GET.get("format", "xlsx")
    f = queries.parse_filter(request.GET)
    errors = list(f.errors) + ([] if fmt in (*FORMATS, "docx") else ["导出格式应为 xlsx、csv 或 docx"])
    if errors:
        return render(request, "ledger/io/error.html", {"error": "；".join(errors)}, status=400)
    measures = queries.apply(visible_measures(user), f, today())
    if fmt == "docx":
        return _export_docx(request, measures)
    response = StreamingHttpResponse(export_chunks(measures, fmt, request.GET.get("title") or None))
    response["Content-Type"] = FORMATS[fmt]
    name = export_filename(fmt, today())
    response["Content-Disposition"] = f"attachment; filename=\"ledger.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return response


def _export_docx(request: AuthenticatedRequest, measures: QuerySet[Measure]) -> HttpResponse:
    try:
        data = ledger_document(measures, today(), request.GET.get("title") or None)
    except Refusal as exc:
        return render(request, "ledger/io/error.html", {"error": exc.message}, status=400)
    response = HttpResponse(data, content_type=DOCX)
    name = ledger_filename(today())
    response["Content-Disposition"] = f"attachment; filename=\"ledger.docx\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


#: A checked file waits this long for its confirmation, then it is removed.
PENDING_SECONDS = 24 * 3600


def _forget_stale(folder: Path) -> None:
    """Remove checked files (and checks made in the background) nobody confirmed: a closed tab leaves them."""
    limit = time.time() - PENDING_SECONDS
    for path in itertools.chain(folder.glob("*.xlsx"), folder.glob("*.json")):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()


def _choices(user: User) -> dict[str, Any]:
    return {
        "organisations": managed_organisations(user).order_by("path"),
        "sources": managed_sources(user).select_related("organisation")[:500],
        "campaigns": Campaign.objects.filter(scope_q(user, MANAGING_ROLES))[:200],
    }


def _chosen(request: HttpRequest, user: User) -> tuple[Source | None, Campaign | None]:
    """The source and campaign the form names (both optional); Refusal for one the user does not manage."""
    source = campaign = None
    raw_source = request.POST.get("source", "")
    if raw_source:
        source = managed_sources(user).filter(pk=int(raw_source)).first() if raw_source.isdigit() else None
        if source is None:
            raise Refusal("请选择有效的问题来源")
    raw_campaign = request.POST.get("campaign", "")
    if raw_campaign:
        managed = Campaign.objects.filter(scope_q(user, MANAGING_ROLES))
        campaign = managed.filter(pk=int(raw_campaign)).first() if raw_campaign.isdigit() else None
        if campaign is None:
            raise Refusal("请选择有效的专项整改")
    return source, campaign


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    """Step 1: upload and check — a preview of new, changed, unchanged and refused rows, nothing stored;
    owners nobody has may be ticked to be created, and checked again; step 2: confirm, and everything
    is stored or nothing.
    """
    user: User = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, "只有书记或办公室人员可以导入整改台账")
    context = _choices(user)
    if request.method == "GET":
        return render(request, "ledger/io/import.html", context)
    raw_org = request.POST.get("organisation", "")
    organisation = context["organisations"].filter(pk=int(raw_org)).first() if raw_org.isdigit() else None
    if organisation is None:
        return _refuse(request, context, "请选择导入到哪个组织")
    try:
        source, campaign = _chosen(request, user)
    except Refusal as exc:
        return _refuse(request, context, exc.message)
    context["chosen_campaign"] = campaign.pk if campaign else ""
    confirm = request.POST.get("token", "")
    if confirm:
        return _confirm(request, context, user, (organisation, source, campaign), confirm)
    upload = request.FILES.get("file")
    if upload is None:
        return _refuse(request, context, "请选择要导入的 Excel 台账文件（.xlsx、.xls 或 .ods）")
    if upload.size and upload.size > MAX_IMPORT_BYTES:
        return _refuse(request, context, f"文件过大，上限为 {MAX_IMPORT_BYTES // 1048576} MB")
    data = upload.read()
    target = _target(organisation, source, campaign, [])
    try:
        sheet = read_ledger_xlsx(data, upload.name or "台账.xlsx")
        if len(sheet.rows) > settings.IMPORT_CHECK_INLINE_ROWS:
            return _check_in_background(request, user, _keep(request, data, sheet.name), sheet.name, target)
        report = import_sheet(
            user, sheet, organisation=organisation, source=source, dry_run=True, campaign=campaign
        )
    except DocumentError as exc:
        return _refuse(request, context, exc.message)
    except Refusal as exc:
        return _refuse(request, context, exc.message, exc.status)
    token = ""
    if report.ok or report.unknown_owners:  # kept for the confirmation, or a new check creating people
        token = _keep(request, data, sheet.name)
    return _report(request, context, report, token, organisation.pk, source.pk if source else "")


def _keep(request: HttpRequest, data: bytes, name: str) -> str:
    """Keep the uploaded file for its confirmation (or its check in the background); its new token."""
    token = secrets.token_urlsafe(16)
    folder = pending_dir()
    _forget_stale(folder)
    (folder / f"{token}.xlsx").write_bytes(data)
    request.session[_SESSION_KEY] = {"token": token, "name": name}
    return token


def _target(organisation: Any, source: Any, campaign: Any, create: list[str]) -> dict[str, Any]:
    """What a file is checked and imported for, by id (a task's arguments are JSON)."""
    return {
        "organisation": organisation.pk,
        "source": source.pk if source else None,
        "campaign": campaign.pk if campaign else None,
        "create": create,
    }


def _check_in_background(
    request: HttpRequest, user: User, token: str, name: str, target: dict[str, Any]
) -> HttpResponse:
    """A large file: its check runs as a job; the job's page shows the bar, then opens the result."""
    back = reverse("ledger_io:import")
    return redirect(start(user, "检查整改台账", tasks.check_import, token, name, target, back=back))


@login_required
@require_GET
def checked(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The result of a check made in the background, with the confirmation as after a check in the
    request; only for whoever uploaded the file (it is this browser session's), 400 once it has expired.
    """
    user: User = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, "只有书记或办公室人员可以导入整改台账")
    context = _choices(user)
    pending = request.session.get(_SESSION_KEY) or {}
    kept = load_preview(tasks.pending_file(token, ".json")) if pending.get("token") == token else None
    if kept is None:
        return _refuse(request, context, tasks.EXPIRED)
    preview, target = kept
    keep = preview["ok"] or preview["unknown_owners"]
    if not keep:
        tasks.pending_file(token).unlink(missing_ok=True)
    return _report(
        request,
        {**context, "chosen_campaign": target["campaign"] or ""},
        preview,
        token if keep else "",
        target["organisation"],
        target["source"] or "",
        target["create"],
    )


def _confirm(
    request: HttpRequest, context: dict[str, Any], user: User, target: tuple[Any, Any, Any], token: str
) -> HttpResponse:
    """Store the checked file in the background (ledger/tasks.py) and show the job's progress bar;
    `target` is the organisation, source and campaign chosen.
    """
    organisation, source, campaign = target
    pending = request.session.get(_SESSION_KEY) or {}
    try:
        path = tasks.pending_file(token)
    except Refusal as exc:
        return _refuse(request, context, exc.message)
    if pending.get("token") != token or not path.exists():
        return _refuse(request, context, tasks.EXPIRED)
    # People the office chose to create (ticked on the check page), for a new check or the import.
    create = [name for name in request.POST.getlist("create") if name.strip()]
    if "recheck" in request.POST:  # check again with those people, where the first check ran
        try:
            sheet = read_ledger_xlsx(path.read_bytes(), pending.get("name", "台账.xlsx"))
            if len(sheet.rows) > settings.IMPORT_CHECK_INLINE_ROWS:
                wanted = _target(organisation, source, campaign, create)
                return _check_in_background(request, user, token, sheet.name, wanted)
            report = import_sheet(
                user,
                sheet,
                organisation=organisation,
                source=source,
                dry_run=True,
                create_owners=create,
                campaign=campaign,
            )
        except DocumentError as exc:
            return _refuse(request, context, exc.message)
        except Refusal as exc:
            return _refuse(request, context, exc.message, exc.status)
        token = token if report.ok or report.unknown_owners else ""
        return _report(request, context, report, token, organisation.pk, source.pk if source else "", create)
    request.session.pop(_SESSION_KEY, None)
    args = (
        token,
        pending.get("name", "台账.xlsx"),
        organisation.pk,
        source.pk if source else None,
        create,
        campaign.pk if campaign else None,
    )
    job = start(user, "导入整改台账", tasks.import_ledger, *args, back=reverse("ledger_io:import"))
    return redirect(job)


def _report(
    request: HttpRequest,
    context: dict[str, Any],
    report: ImportReport | dict[str, Any],
    token: str,
    org: Any,
    source: Any,
    create: list[str] | None = None,
) -> HttpResponse:
    """The check (a live report, or one made in the background as import_preview data) on the page."""
    if isinstance(report, ImportReport):
        report = preview_of(report)
    labels = report["labels"]
    status = 200 if report["ok"] else 400
    return render(
        request,
        "ledger/io/import.html",
        {
            **context,
            "report": report,
            "labels": labels,
            "token": token,
            "chosen_org": org,
            "chosen_source": source,
            "create": create or [],
        },
        status=status,
    )


def _refuse(request: HttpRequest, context: dict[str, Any], message: str, status: int = 400) -> HttpResponse:
    return render(request, "ledger/io/import.html", {**context, "error": message}, status=status)
