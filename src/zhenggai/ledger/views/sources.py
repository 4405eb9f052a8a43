"""Sources of problems: the list, one source with its problems, and creating one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.core.views import forbidden, form_error, refused
from zhenggai.ledger import sources as source_services
from zhenggai.ledger.access import visible_problems, visible_sources
from zhenggai.ledger.forms import SourceForm
from zhenggai.ledger.rectification import rectification_findings
from zhenggai.ledger.views.common import source_or_404
from zhenggai.orgs.access import can_manage, can_read, is_manager_anywhere
from zhenggai.orgs.http import AuthenticatedRequest


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The list of sources the user may see: those of the organisations he reads, and those holding his
    own measures.
    """
    items = visible_sources(request.user).select_related("organisation")
    return render(request, "ledger/sources.html", {"sources": items})


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A source's page: its problems the user may see, and whether he may add problems; for those who
    read the whole ledger, the 整改落实情况报告 to download and what the ledger lacks for it. 404 for a
    source he may not see.
    """
    source = source_or_404(request, pk)
    problems = visible_problems(request.user).filter(source=source).order_by("number", "id")
    may_report = can_read(request.user, source.organisation)
    report_findings, plan_findings = rectification_findings(source, today()) if may_report else ([], [])
    return render(
        request,
        "ledger/source.html",
        {
            "source": source,
            "problems": problems,
            "may_manage": can_manage(request.user, source.organisation),
            "may_report": may_report,
            "report_findings": report_findings,
            "plan_findings": plan_findings,
        },
    )


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    """The new-source page; its POST registers the source and opens its page.

    403 for anyone who manages nowhere; a refusal shows the form again with its message (400).
    """
    user = request.user
    if not is_manager_anywhere(user):
        return forbidden(request, "只有书记或办公室可以登记问题来源")
    form = SourceForm(request.POST or None, user=user)
    if request.method != "POST":
        return render(request, "ledger/source_form.html", {"form": form})
    try:
        if not form.is_valid():
            raise form_error(form)
        source = source_services.create_source(user, **form.cleaned_data)
    except Refusal as exc:
        return refused(request, "ledger/source_form.html", {"form": form}, exc)
    messages.success(request, "问题来源已登记")
    return redirect("ledger:source", pk=source.pk)
