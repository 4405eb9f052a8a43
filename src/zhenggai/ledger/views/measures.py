"""A measure's page and its actions: progress with evidence, status, extension, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Conflict, Forbidden, Refusal
from zhenggai.core.forms import as_p
from zhenggai.core.views import first_or_404, forbidden, form_error, posted_version, refused
from zhenggai.ledger import evidence as files
from zhenggai.ledger import services
from zhenggai.ledger.access import can_edit_measure, visible_measures
from zhenggai.ledger.audit import AuditEntry, snapshot
from zhenggai.ledger.forms import ExtendForm, MeasureForm, ProgressForm, StatusForm
from zhenggai.ledger.models import Evidence, Measure, Problem
from zhenggai.ledger.versions import rebased
from zhenggai.ledger.views.common import history_page, measure_or_404, problem_or_404, row_class
from zhenggai.ledger.views.markup import csrf_input, evidence_rows, progress_rows
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest

TEMPLATE = "ledger/measure.html"


def _context(request: AuthenticatedRequest, measure: Measure, **forms: Form) -> dict[str, object]:
    user = request.user
    closed = measure.problem.is_closed
    # Nothing is offered under a closed (销号) problem: every change would be refused until it is reopened.
    may_edit = can_edit_measure(user, measure) and not closed
    may_manage = can_manage(user, measure.organisation) and not closed
    return {
        "closed": closed,
        "may_reopen": closed and can_manage(user, measure.organisation),
        "measure": measure,
        "problem": measure.problem,
        "row_class": row_class(measure),
        # The two tables are written in Python (markup.py): a measure gathers dozens of rows.
        "progress_rows": progress_rows(
            measure.progress.select_related("author").prefetch_related("evidence")
        ),
        "evidence_rows": evidence_rows(
            measure.evidence.select_related("uploaded_by"), csrf_input(request) if may_edit else None
        ),
        **history_page(request, AuditEntry.objects.filter(measure_id=measure.pk)),
        "may_edit": may_edit,
        "may_manage": may_manage,
        # The forms' markup: blank ones are rendered once per process (core.forms.as_p).
        "progress_form": as_p(forms.get("progress_form") or ProgressForm(initial={"date": today()})),
        "status_form": as_p(forms.get("status_form") or StatusForm(initial={"status": measure.status})),
        "extend_form": as_p(forms.get("extend_form") or ExtendForm()),
        "evidence_accept": files.accept(),
    }


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A measure's page: its problem, progress with evidence, audit history, and the forms the user may
    use. 404 for a measure the user may not see.
    """
    measure = measure_or_404(request, pk)
    return render(request, TEMPLATE, _context(request, measure))


def _run(
    request: AuthenticatedRequest,
    measure: Measure,
    action: Callable[[dict[str, Any]], object],
    form_key: str,
    form: forms.Form,
    done: str,
) -> HttpResponse:
    """Validate the form, run the service with the version the page was based on (`version` in the
    cleaned data), redirect on success or show the refusal with its status (409: changed meanwhile).
    """
    try:
        if not form.is_valid():
            if not can_edit_measure(request.user, measure):
                raise Forbidden("您无权修改该整改措施")
            raise form_error(form)
        action({**form.cleaned_data, "version": posted_version(request.POST)})
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, measure, **{form_key: form}), exc)
    messages.success(request, done)
    return redirect("ledger:measure", pk=measure.pk)


@login_required
@require_POST
def post_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: 整改进展 with evidence files and perhaps a new status, then back to the measure's page.

    For its owner and its managers. 404 for a measure the user may not see; a refusal shows the page
    again with its message (400, or 403 for someone who may not edit the measure).
    """
    measure = measure_or_404(request, pk)
    form = ProgressForm(request.POST)

    def action(data: dict[str, Any]) -> None:
        services.post_progress(
            request.user,
            measure,
            text=data["text"],
            date=data["date"],
            status=data["status"] or None,
            files_=request.FILES.getlist("files"),
            completion_note=data["completion_note"],
            blocked_reason=data["blocked_reason"],
            review_date=data["review_date"],
            version=data["version"],
        )

    return _run(request, measure, action, "progress_form", form, "进展已保存")


@login_required
@require_POST
def change_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a new status for a measure, then back to its page.

    For its owner and its managers. 404 for a measure the user may not see; a refusal shows the page
    again with its message (400, or 403 for someone who may not edit the measure).
    """
    measure = measure_or_404(request, pk)
    form = StatusForm(request.POST)

    def action(data: dict[str, Any]) -> None:
        services.change_status(
            request.user,
            measure,
            data["status"],
            completion_note=data["completion_note"],
            blocked_reason=data["blocked_reason"],
            review_date=data["review_date"],
            version=data["version"],
        )

    return _run(request, measure, action, "status_form", form, "状态已更新")


@login_required
@require_POST
def extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: 延期, a later deadline with a reason, then back to the measure's page.

    For the secretary or office. 404 for a measure the user may not see; a refusal shows the page
    again with its message (400, or 403).
    """
    measure = measure_or_404(request, pk)
    form = ExtendForm(request.POST)

    def action(data: dict[str, Any]) -> None:
        services.extend_deadline(
            request.user, measure, deadline=data["deadline"], reason=data["reason"], version=data["version"]
        )

    return _run(request, measure, action, "extend_form", form, "已办理延期")


@login_required
@require_POST
def add_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: upload evidence files (`files`) to a measure, then back to its page.

    For its owner and its managers. 404 for a measure the user may not see; a refusal shows the page
    again with its message (400, or 403).
    """
    measure = measure_or_404(request, pk)
    try:
        services.add_evidence(request.user, measure, request.FILES.getlist("files"))
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, measure), exc)
    messages.success(request, "佐证材料已上传")
    return redirect("ledger:measure", pk=measure.pk)


def _evidence_or_404(request: AuthenticatedRequest, pk: int) -> Evidence:
    """An evidence file of a measure the user may see (the measure page's rule); a file that does not
    exist and one of a measure he may not see answer alike, so ids cannot be probed.
    """
    files_seen = Evidence.objects.filter(measure__in=visible_measures(request.user))
    return first_or_404(files_seen, pk, "没有找到该佐证材料，或您无权查看")


@login_required
@require_safe
def download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """An evidence file as an attachment, under the name it was uploaded with.

    For anyone who may see its measure; 404 otherwise, and when the file is missing from the disk.
    """
    item = _evidence_or_404(request, pk)
    stored = files.open_stored(item.stored_name)
    if stored is None:
        raise Http404("佐证材料文件已丢失，请联系管理员")
    response = FileResponse(stored, as_attachment=True, filename=item.name)
    response["Content-Type"] = files.content_type(item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def delete_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: delete an evidence file, then back to its measure's page.

    For the measure's owner and managers. 404 when the file or its measure may not be seen; a refusal
    shows the measure's page with its message (400, or 403).
    """
    item = _evidence_or_404(request, pk)
    measure = measure_or_404(request, item.measure_id)
    try:
        services.delete_evidence(request.user, item)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, measure), exc)
    messages.success(request, "佐证材料已删除")
    return redirect("ledger:measure", pk=measure.pk)


def _measure_form_page(
    request: AuthenticatedRequest,
    form: MeasureForm,
    problem: Problem,
    measure: Measure | None = None,
    error: Refusal | None = None,
) -> HttpResponse:
    context = {"form": form, "problem": problem, "measure": measure}
    if error:
        return refused(request, "ledger/measure_form.html", context, error)
    return render(request, "ledger/measure_form.html", context)


@login_required
def create(request: AuthenticatedRequest, problem_pk: int) -> HttpResponse:
    """The new-measure page of a problem; its POST creates the measure and opens the measure's page.

    For the secretary or office of the problem's organisation (403 for others); 404 for a problem the
    user may not see; a refusal shows the form again with its message.
    """
    problem = problem_or_404(request, problem_pk)
    user = request.user
    if not can_manage(user, problem.organisation):
        return forbidden(request, "只有书记或办公室可以新增整改措施")
    form = MeasureForm(request.POST or None, organisation=problem.organisation)
    if request.method != "POST":
        return _measure_form_page(request, form, problem)
    try:
        if not form.is_valid():
            raise form_error(form)
        measure = services.create_measure(user, problem=problem, **form.cleaned_data)
    except Refusal as exc:
        return _measure_form_page(request, form, problem, error=exc)
    messages.success(request, "整改措施已新增")
    return redirect("ledger:measure", pk=measure.pk)


@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A measure's edit page; its POST changes the fields that differ and goes back to the measure's page.

    For the secretary or office (403 for others); 404 for a measure the user may not see. A deadline
    already set changes only by 延期: the form is shown again with the refusal (400). A save based on
    a version someone changed since is refused (409) with who changed what; the form comes back with
    the user's own edits on top of the latest content (see versions.rebased).
    """
    measure = measure_or_404(request, pk)
    user = request.user
    if not can_manage(user, measure.organisation):
        return forbidden(request, "只有书记或办公室可以修改整改措施")
    form = MeasureForm(
        request.POST or None, instance=Measure.objects.get(pk=pk), organisation=measure.organisation
    )
    if request.method != "POST":
        return _measure_form_page(request, form, measure.problem, measure)
    try:
        if not form.is_valid():
            raise form_error(form)
        # An empty number keeps the current one, as on the problem's edit page.
        fields = {
            k: v
            for k, v in form.cleaned_data.items()
            if not (k == "number" and v is None) and getattr(measure, k) != v
        }
        version = posted_version(request.POST)
        services.update_measure(user, measure, version=version, **fields)
    except Conflict as exc:
        # Shown again on top of the measure as it is now: his edits kept, the rest up to date.
        now = measure_or_404(request, pk)
        latest = MeasureForm(instance=now, organisation=now.organisation)
        data = rebased(form, latest, now, version, snapshot(now))
        again = MeasureForm(data, instance=now, organisation=now.organisation)
        return _measure_form_page(request, again, now.problem, now, error=exc)
    except Refusal as exc:
        return _measure_form_page(request, form, measure.problem, measure, error=exc)
    messages.success(request, "整改措施已修改")
    return redirect("ledger:measure", pk=measure.pk)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: delete a measure with its progress and evidence, then go to its problem's page.

    404 for a measure the user may not see; a refusal shows the measure's page with its message (403
    for anyone but its managers, 400 under a closed problem).
    """
    measure = measure_or_404(request, pk)
    try:
        services.must_manage(request.user, measure.organisation)  # who asks, before the form
        services.delete_measure(request.user, measure, version=posted_version(request.POST))
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, measure), exc)
    messages.success(request, "整改措施已删除")
    return redirect("ledger:problem", pk=measure.problem_id)
