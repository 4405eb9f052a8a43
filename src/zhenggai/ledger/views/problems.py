"""A problem's page and its actions: create, edit, close (销号), reopen, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Conflict, Forbidden, Refusal
from zhenggai.core.views import forbidden, form_error, posted_version, refused
from zhenggai.ledger import services
from zhenggai.ledger.access import can_read_measure, problem_history
from zhenggai.ledger.audit import snapshot
from zhenggai.ledger.forms import CloseForm, ProblemForm, ReopenForm
from zhenggai.ledger.models import Problem, Source
from zhenggai.ledger.versions import rebased
from zhenggai.ledger.views.common import history_page, problem_or_404, row_class, source_or_404
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest

TEMPLATE = "ledger/problem.html"


def _context(request: AuthenticatedRequest, problem: Problem, **forms: object) -> dict[str, object]:
    user = request.user
    on = today()
    measures = [
        m
        for m in problem.measures.select_related("owner", "unit", "organisation")
        if can_read_measure(user, m)
    ]
    for m in measures:
        m.row_class = row_class(m, on)
    history = problem_history(user, problem, [m.pk for m in measures])
    return {
        "problem": problem,
        "measures": measures,
        "open_count": sum(1 for m in measures if m.status != "done"),
        "may_manage": can_manage(user, problem.organisation),
        **history_page(request, history),
        "close_form": forms.get("close_form") or CloseForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
    }


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A problem's page: the measures the user may read, with their 督办 colours, the audit history of
    what he may read (see access.problem_history), and the close and reopen forms. 404 for a problem
    the user may not see.
    """
    return render(request, TEMPLATE, _context(request, problem_or_404(request, pk)))


@login_required
@require_POST
def close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: 销号 with an optional note, then back to the problem's page.

    404 for a problem the user may not see; a refusal shows the page again with its message (403 for
    anyone but its managers, 400 while a measure is not done or when it is closed already).
    """
    problem = problem_or_404(request, pk)
    form = CloseForm(request.POST)
    try:
        if not form.is_valid():
            raise form_error(form)
        services.close_problem(request.user, problem, form.cleaned_data["note"])
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, problem, close_form=form), exc)
    messages.success(request, "问题已销号")
    return redirect("ledger:problem", pk=pk)


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: reopen a closed problem with a reason, then back to its page.

    404 for a problem the user may not see; 403 for anyone but its secretary or office; 400 without a
    reason or when it is not closed.
    """
    problem = problem_or_404(request, pk)
    form = ReopenForm(request.POST)
    try:
        if not can_manage(request.user, problem.organisation):
            raise Forbidden("只有书记或办公室可以重新打开问题")
        if not form.is_valid():
            raise form_error(form)
        services.reopen_problem(request.user, problem, form.cleaned_data["reason"])
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, problem, reopen_form=form), exc)
    messages.success(request, "问题已重新打开")
    return redirect("ledger:problem", pk=pk)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: delete a problem that has no measures, then go to its source's page.

    404 for a problem the user may not see; a refusal shows the problem's page with its message (403
    for anyone but its managers, 400 while it has measures).
    """
    problem = problem_or_404(request, pk)
    try:
        services.must_manage(request.user, problem.organisation)  # who asks, before the form
        services.delete_problem(request.user, problem, version=posted_version(request.POST))
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(request, problem), exc)
    messages.success(request, "问题已删除")
    return redirect("ledger:source", pk=problem.source_id)


def _form_page(
    request: AuthenticatedRequest,
    form: ProblemForm,
    source: Source,
    problem: Problem | None = None,
    error: Refusal | None = None,
) -> HttpResponse:
    context = {"form": form, "source": source, "problem": problem}
    if error:
        return refused(request, "ledger/problem_form.html", context, error)
    return render(request, "ledger/problem_form.html", context)


@login_required
def create(request: AuthenticatedRequest, source_pk: int) -> HttpResponse:
    """The new-problem page of a source; its POST creates the problem and opens its page for measures.

    For the secretary or office of the source's organisation (403 for others); 404 for a source the
    user may not see; a refusal shows the form again with its message.
    """
    source = source_or_404(request, source_pk)
    if not can_manage(request.user, source.organisation):
        return forbidden(request, "只有书记或办公室可以新增问题")
    form = ProblemForm(request.POST or None)
    if request.method != "POST":
        return _form_page(request, form, source)
    try:
        if not form.is_valid():
            raise form_error(form)
        problem = services.create_problem(request.user, source=source, **form.cleaned_data)
    except Refusal as exc:
        return _form_page(request, form, source, error=exc)
    messages.success(request, "问题已新增，请为它制定整改措施")
    return redirect("ledger:problem", pk=problem.pk)


@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A problem's edit page; its POST changes the fields that differ and goes back to the problem's page.

    An empty number keeps the current one. For the secretary or office (403 for others); 404 for a
    problem the user may not see; 400 once it is closed (销号). A save based on a version someone
    changed since is refused (409) with who changed what; the form comes back with the user's own
    edits on top of the latest content (see versions.rebased).
    """
    problem = problem_or_404(request, pk)
    if not can_manage(request.user, problem.organisation):
        return forbidden(request, "只有书记或办公室可以修改问题")
    form = ProblemForm(request.POST or None, instance=Problem.objects.get(pk=pk))
    if request.method != "POST":
        return _form_page(request, form, problem.source, problem)
    try:
        if not form.is_valid():
            raise form_error(form)
        changes = {k: v for k, v in form.cleaned_data.items() if v is not None and getattr(problem, k) != v}
        version = posted_version(request.POST)
        services.update_problem(request.user, problem, version=version, **changes)
    except Conflict as exc:
        # Shown again on top of the problem as it is now: his edits kept, the rest up to date.
        now = problem_or_404(request, pk)
        data = rebased(form, ProblemForm(instance=now), now, version, snapshot(now))
        return _form_page(request, ProblemForm(data, instance=now), now.source, now, error=exc)
    except Refusal as exc:
        return _form_page(request, form, problem.source, problem, error=exc)
    messages.success(request, "问题已修改")
    return redirect("ledger:problem", pk=pk)
