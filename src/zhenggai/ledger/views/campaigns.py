"""Campaign pages (专项整改): the list, creating one from a source or a ledger selection, its page with
progress per work group, work groups, progress meetings (推进会) and their decisions.

A page checks who asks before it reads the form: creating anything is the secretary's or office's
of the campaign's organisation (403 for others); a campaign or meeting the user may not see is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.core.views import STALE_PAGE, first_or_404, forbidden, form_error, refused
from zhenggai.ledger.campaign_forms import (
    CampaignForm,
    DecisionForm,
    MeasureChoices,
    ProgressMeetingForm,
    WorkgroupForm,
)
from zhenggai.ledger.campaigns import campaign_progress, visible_campaigns
from zhenggai.ledger.models import Campaign, Problem, ProgressMeeting, Source
from zhenggai.ledger.services import campaigns as services
from zhenggai.orgs.access import can_manage, can_read, is_manager_anywhere, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import MANAGING_ROLES, Organisation

NOT_FOUND = "没有找到该专项整改，或您无权查看"
MANAGERS_ONLY = "只有书记或办公室可以管理专项整改"


def campaign_or_404(request: AuthenticatedRequest, pk: int) -> Campaign:
    """A campaign the user may see; anything else is 'not found'."""
    campaigns = visible_campaigns(request.user).select_related("organisation")
    return first_or_404(campaigns, pk, NOT_FOUND)


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The campaigns the user may see, latest first."""
    items = visible_campaigns(request.user).select_related("organisation")
    return render(request, "ledger/campaigns.html", {"campaigns": items})


def _offered(request: AuthenticatedRequest) -> tuple[QuerySet[Problem], Source | None]:
    """The problems the form offers: those the user manages, of the source asked for (?source=) or, on
    the first GET, of the ledger selection (?problem=…).
    """
    problems = Problem.objects.filter(scope_q(request.user, MANAGING_ROLES)).select_related("organisation")
    data = request.POST if request.method == "POST" else request.GET
    source = None
    if data.get("source", "").isdigit():
        source = Source.objects.filter(scope_q(request.user, MANAGING_ROLES), pk=data["source"]).first()
        problems = problems.filter(source=source)
    elif request.method != "POST":
        problems = problems.filter(pk__in=[p for p in data.getlist("problem") if p.isdigit()])
    return problems.order_by("source_id", "number", "id"), source


def common_organisation(problems: list[Problem]) -> Organisation | None:
    """The lowest organisation holding every one of `problems` (their common ancestor or one of them)."""
    paths = [p.organisation.path for p in problems]
    if not paths:
        return None
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[: common.rstrip("/").rfind("/") + 1]
    return Organisation.objects.filter(path=common).first()


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    """The new-campaign page, offered with a source's problems (button on the source page) or a selection of
    the ledger page, all ticked; its POST creates the campaign and opens its page.
    """
    if not is_manager_anywhere(request.user):
        return forbidden(request, MANAGERS_ONLY)
    problems, source = _offered(request)
    initial = {"name": f"{source.title}专项整改" if source else "", "problems": list(problems)}
    form = CampaignForm(request.POST or None, problems=problems, initial=initial)
    context = {"form": form, "source": source}
    if request.method != "POST":
        return render(request, "ledger/campaign_form.html", context)
    try:
        if not form.is_valid():
            raise form_error(form)
        chosen = list(form.cleaned_data["problems"])
        organisation = source.organisation if source else common_organisation(chosen)
        if organisation is None:
            raise Refusal("所选问题不属于同一组织及其下级组织，不能纳入同一专项整改")
        campaign = services.create_campaign(
            request.user,
            organisation=organisation,
            name=form.cleaned_data["name"],
            problems=chosen,
            sources=[source] if source else [],
        )
    except Refusal as exc:
        return refused(request, "ledger/campaign_form.html", context, exc)
    messages.success(request, "专项整改已创建")
    return redirect("ledger:campaign", pk=campaign.pk)


def _context(request: AuthenticatedRequest, campaign: Campaign, **forms: object) -> dict[str, object]:
    may_manage = can_manage(request.user, campaign.organisation)
    return {
        "campaign": campaign,
        "progress": campaign_progress(campaign, today()),
        "sources": campaign.sources.order_by("id"),
        "meetings": campaign.progress_meetings.prefetch_related("attendees"),
        "may_manage": may_manage,
        "may_report": can_read(request.user, campaign.organisation),
        "workgroup_form": forms.get("workgroup_form")
        or (WorkgroupForm(campaign=campaign) if may_manage else None),
        "meeting_form": forms.get("meeting_form")
        or (ProgressMeetingForm(campaign=campaign) if may_manage else None),
    }


@login_required
@require_safe
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A campaign's page: the summary sentence, progress per work group, its sources and progress meetings,
    and for its managers the forms to add a work group and record a progress meeting.
    """
    campaign = campaign_or_404(request, pk)
    return render(request, "ledger/campaign.html", _context(request, campaign))


def _post_to_campaign(
    request: AuthenticatedRequest,
    pk: int,
    form_name: str,
    form_class: type[WorkgroupForm] | type[ProgressMeetingForm],
    act: Callable[[Campaign, dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """Who asks first (404 unseen, 403 unless manager), then the form and `act`; a refusal shows the
    campaign's page with its message and the form as posted.
    """
    campaign = campaign_or_404(request, pk)
    if not can_manage(request.user, campaign.organisation):
        return forbidden(request, MANAGERS_ONLY)
    form = form_class(request.POST, campaign=campaign)
    try:
        if not form.is_valid():
            raise form_error(form)
        return act(campaign, form.cleaned_data)
    except Refusal as exc:
        return refused(request, "ledger/campaign.html", _context(request, campaign, **{form_name: form}), exc)


@login_required
@require_POST
def workgroup_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a new work group of the campaign; a refusal shows the campaign's page with its message."""

    def act(campaign: Campaign, data: dict[str, Any]) -> HttpResponse:
        services.create_workgroup(request.user, campaign, **data)
        messages.success(request, "推进组已建立")
        return redirect("ledger:campaign", pk=pk)

    return _post_to_campaign(request, pk, "workgroup_form", WorkgroupForm, act)


@login_required
@require_POST
def progress_meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a progress meeting of the campaign, then its page to record the decisions."""

    def act(campaign: Campaign, data: dict[str, Any]) -> HttpResponse:
        meeting = services.record_progress_meeting(request.user, campaign, **data)
        messages.success(request, "推进会已记录，请登记议定事项")
        return redirect("ledger:progress_meeting", pk=meeting.pk)

    return _post_to_campaign(request, pk, "meeting_form", ProgressMeetingForm, act)


def meeting_or_404(request: AuthenticatedRequest, pk: int) -> ProgressMeeting:
    """A progress meeting of a campaign the user may see; anything else is 'not found'."""
    meetings = ProgressMeeting.objects.filter(campaign__in=visible_campaigns(request.user))
    return first_or_404(
        meetings.select_related("campaign__organisation"), pk, "没有找到该推进会，或您无权查看"
    )


def _meeting_context(
    request: AuthenticatedRequest, meeting: ProgressMeeting, form: DecisionForm | None = None
) -> dict[str, object]:
    campaign = meeting.campaign
    may_manage = can_manage(request.user, campaign.organisation)
    form = form or (DecisionForm(campaign=campaign) if may_manage else None)
    field = form.fields["measures"] if form else None
    offered = field.queryset if isinstance(field, MeasureChoices) else None
    versions = list(offered.values_list("pk", "version")) if offered is not None else []
    return {
        "meeting": meeting,
        "campaign": campaign,
        "decisions": meeting.decisions.prefetch_related("measures__problem"),
        "may_manage": may_manage,
        "form": form,
        "versions": versions,
    }


@login_required
@require_safe
def progress_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A progress meeting's page: attendees, minutes, decisions, and for the managers the decision form."""
    meeting = meeting_or_404(request, pk)
    return render(request, "ledger/progress_meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def decision_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: a decision of the meeting, its action applied through the ledger's services with the
    versions the page showed (`version_<measure id>`); a refusal shows the page with the rule's message.
    """
    meeting = meeting_or_404(request, pk)
    if not can_manage(request.user, meeting.campaign.organisation):
        return forbidden(request, MANAGERS_ONLY)
    form = DecisionForm(request.POST, campaign=meeting.campaign)
    try:
        if not form.is_valid():
            raise form_error(form)
        data = dict(form.cleaned_data)
        measures = list(data.pop("measures"))
        versions = {
            m.pk: int(v) for m in measures if (v := request.POST.get(f"version_{m.pk}", "")).isdigit()
        }
        if data["action"] and len(versions) != len(measures):
            raise Refusal(STALE_PAGE)
        services.record_decision(request.user, meeting, measures=measures, versions=versions, **data)
    except Refusal as exc:
        context = _meeting_context(request, meeting, form)
        return refused(request, "ledger/progress_meeting.html", context, exc)
    messages.success(request, "议定事项已登记")
    return redirect("ledger:progress_meeting", pk=pk)
