"""Pages that change or delete a campaign (专项整改), a work group (推进组) or a progress meeting (推进会).

Each is one page with its form and a delete button; who asks is checked before the form is read: a
campaign, group or meeting the user may not see is 404, one he sees without managing its campaign's
organisation (a group lead, a reviewer) is 403. A refusal shows the same page again with its Chinese
message and status, and nothing is written (services/campaign_changes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhenggai.core.errors import Refusal
from zhenggai.core.views import first_or_404, forbidden, form_error, refused
from zhenggai.ledger.campaign_forms import (
    CampaignForm,
    ProgressMeetingForm,
    WorkgroupForm,
    campaign_initial,
    campaign_problems_offered,
    meeting_initial,
    workgroup_initial,
)
from zhenggai.ledger.campaigns import visible_campaigns
from zhenggai.ledger.models import Campaign, ProgressMeeting, Workgroup
from zhenggai.ledger.services import campaign_changes as services
from zhenggai.ledger.views.campaigns import MANAGERS_ONLY, campaign_or_404, meeting_or_404
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.http import AuthenticatedRequest

TEMPLATE = "ledger/campaign_change.html"


def workgroup_or_404(request: AuthenticatedRequest, pk: int) -> Workgroup:
    """A work group of a campaign the user may see; anything else is 'not found'."""
    groups = Workgroup.objects.filter(campaign__in=visible_campaigns(request.user))
    return first_or_404(groups.select_related("campaign__organisation"), pk, "没有找到该推进组，或您无权查看")


@dataclass(frozen=True)
class Kind:
    """What the edit and delete pages need to know of one kind of thing (campaign, group, meeting)."""

    #: The URL names' stem: `<name>_edit`, `<name>_delete`.
    name: str
    label: str
    find: Callable[[AuthenticatedRequest, int], Any]
    campaign: Callable[[Any], Campaign]
    form: Callable[[Any, Any], Any]
    #: Where a saved change goes back to, and where a deletion goes.
    back: Callable[[Any], str]
    gone: Callable[[Any], str]
    update: Callable[..., object]
    delete: Callable[[Any, Any], object]
    note: str

    def context(self, obj: Any, data: Any) -> dict[str, Any]:
        """The page of `obj` with its form (bound to `data` when posted)."""
        return {
            "title": f"修改{self.label}：{obj}",
            "campaign": self.campaign(obj),
            "form": self.form(obj, data),
            "save": reverse(f"ledger:{self.name}_edit", args=[obj.pk]),
            "back": self.back(obj),
            "delete": reverse(f"ledger:{self.name}_delete", args=[obj.pk]),
            "delete_label": f"删除{self.label}",
            "delete_note": self.note,
        }


def _edit(kind: Kind) -> Callable[[AuthenticatedRequest, int], HttpResponse]:
    """The edit page of a `kind` (its form, the save, a refusal shown on it)."""

    @login_required
    def view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        """The edit page: GET its form, POST saves it; 403 for a non-manager, 404 for the unseen."""
        obj = kind.find(request, pk)
        if not can_manage(request.user, kind.campaign(obj).organisation):
            return forbidden(request, MANAGERS_ONLY)
        if request.method != "POST":
            return render(request, TEMPLATE, kind.context(obj, None))
        page = kind.context(obj, request.POST)
        form = page["form"]
        try:
            if not form.is_valid():
                raise form_error(form)
            kind.update(request.user, obj, **form.cleaned_data)
        except Refusal as exc:
            return refused(request, TEMPLATE, page, exc)
        messages.success(request, "修改已保存")
        return redirect(page["back"])

    return view


def _delete(kind: Kind) -> Callable[[AuthenticatedRequest, int], HttpResponse]:
    """The delete action of a `kind`: to where it lived on success, its edit page on a refusal."""

    @login_required
    @require_POST
    def view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
        """POST: delete; a refusal shows the edit page with its message and status."""
        obj = kind.find(request, pk)
        if not can_manage(request.user, kind.campaign(obj).organisation):
            return forbidden(request, MANAGERS_ONLY)
        gone = kind.gone(obj)
        try:
            kind.delete(request.user, obj)
        except Refusal as exc:
            return refused(request, TEMPLATE, kind.context(obj, None), exc)
        messages.success(request, f"{kind.label}已删除")
        return redirect(gone)

    return view


def _campaign_form(campaign: Campaign, data: Any) -> CampaignForm:
    offered = campaign_problems_offered(campaign)
    return CampaignForm(data, problems=offered, initial=campaign_initial(campaign))


def _to_campaign(obj: Workgroup | ProgressMeeting) -> str:
    return reverse("ledger:campaign", args=[obj.campaign_id])


CAMPAIGN = Kind(
    name="campaign",
    label="专项整改",
    find=campaign_or_404,
    campaign=lambda campaign: campaign,
    form=_campaign_form,
    back=lambda campaign: reverse("ledger:campaign", args=[campaign.pk]),
    gone=lambda campaign: reverse("ledger:campaigns"),
    update=services.update_campaign,
    delete=services.delete_campaign,
    note="其推进组和推进会一并删除，问题和整改措施仍留在台账中；推进会已对整改措施延期或变更状态的，不能删除。",
)
WORKGROUP = Kind(
    name="workgroup",
    label="推进组",
    find=workgroup_or_404,
    campaign=lambda group: group.campaign,
    form=lambda group, data: WorkgroupForm(data, campaign=group.campaign, initial=workgroup_initial(group)),
    back=_to_campaign,
    gone=_to_campaign,
    update=services.update_workgroup,
    delete=services.delete_workgroup,
    note="其负责的问题仍在专项整改中，改为未分配推进组。",
)
PROGRESS_MEETING = Kind(
    name="progress_meeting",
    label="推进会",
    find=meeting_or_404,
    campaign=lambda meeting: meeting.campaign,
    form=lambda meeting, data: ProgressMeetingForm(
        data, campaign=meeting.campaign, initial=meeting_initial(meeting)
    ),
    back=lambda meeting: reverse("ledger:progress_meeting", args=[meeting.pk]),
    gone=_to_campaign,
    update=services.update_progress_meeting,
    delete=services.delete_progress_meeting,
    note="其议定事项一并删除；已对整改措施延期或变更状态的推进会不能删除，如需更正，请在相应整改措施上办理。"
    "修改日期、参会人员和纪要不影响已办理的议定事项。",
)

campaign_edit, campaign_delete = _edit(CAMPAIGN), _delete(CAMPAIGN)
workgroup_edit, workgroup_delete = _edit(WORKGROUP), _delete(WORKGROUP)
progress_meeting_edit, progress_meeting_delete = _edit(PROGRESS_MEETING), _delete(PROGRESS_MEETING)
