"""Changing and deleting campaigns (专项整改), work groups (推进组) and progress meetings (推进会).

The same rules as creating them (services/campaigns.py): only the secretary or office of the
campaign's organisation (or above), people from its tree, a problem in one group per campaign; each
change one transaction under the campaign's lock, audited with what it was before and after.

What a decision did is never undone here. A decision that extended deadlines or set a status did so
through the ledger's services, and the measure keeps that change and its reason in its own history;
deleting the meeting (or the whole campaign) would leave those measures changed by a meeting that no
longer exists. So a progress meeting with such a decision is not deleted — nor a campaign holding
one — and the refusal says to correct the measure itself (a new extension, a status change) instead.
Meetings whose decisions only recorded something may be deleted with them. Deleting a campaign or
group never touches the ledger's problems and measures: they only leave the campaign or group.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import (
    Campaign,
    Decision,
    DecisionAction,
    Problem,
    ProgressMeeting,
    Source,
    Workgroup,
    WorkgroupProblem,
)
from zhenggai.ledger.services.campaigns import (
    audit_campaign_row,
    check_group_problems,
    check_people,
    check_problems,
    lock_campaign,
    names,
    problem_names,
)
from zhenggai.ledger.services.common import must_manage
from zhenggai.orgs.models import User

#: The refusal for deleting what a decision applied to measures (see the module's docstring).
APPLIED = (
    "{what}的议定事项已对整改措施作出延期或变更状态（{decisions}），删除会使这些变更失去依据，不能删除；"
    "如需更正，请在相应整改措施上办理延期或变更状态"
)


def campaign_state(campaign: Campaign) -> dict[str, Any]:
    """What an audit entry keeps of a campaign: its row, sources and problems by name."""
    return {
        **snapshot(campaign),
        "问题来源": names(campaign.sources.order_by("id")),
        "问题": problem_names(campaign.problems.order_by("source_id", "number", "id")),
    }


def group_state(group: Workgroup) -> dict[str, Any]:
    """What an audit entry keeps of a work group: its row, members and problems by name."""
    problems = Problem.objects.filter(workgroup_links__workgroup=group).order_by("source_id", "number", "id")
    return {
        **snapshot(group),
        "成员": names(group.members.order_by("display_name", "username")),
        "负责的问题": problem_names(problems),
    }


def meeting_state(meeting: ProgressMeeting) -> dict[str, Any]:
    """What an audit entry keeps of a progress meeting: its row, attendees and decisions."""
    return {
        **snapshot(meeting),
        "参会人员": names(meeting.attendees.order_by("display_name", "username")),
        "议定事项": names(d.text[:40] for d in meeting.decisions.order_by("id")),
    }


def _refuse_applied(what: str, decisions: Sequence[Decision]) -> None:
    applied = [d for d in decisions if d.action != DecisionAction.NONE]
    if applied:
        listed = "；".join(f"“{d.text[:20]}”" for d in applied)
        raise Refusal(APPLIED.format(what=what, decisions=listed))


@transaction.atomic
def update_campaign(actor: User, campaign: Campaign, *, name: str, problems: Sequence[Problem]) -> Campaign:
    """Rename the campaign and change its problems (its sources follow them); audited.

    Raises Forbidden unless the actor manages the campaign's organisation; Refusal for an empty name,
    no problem, a problem of another organisation, or the removal of a problem a work group drives
    (it is taken out of the group first, where the change is seen).
    """
    campaign = lock_campaign(campaign)
    must_manage(actor, campaign.organisation)
    if not name.strip():
        raise Refusal("专项整改名称不能为空")
    check_problems(campaign.organisation, problems)
    kept = {p.pk for p in problems}
    driven = WorkgroupProblem.objects.filter(campaign=campaign).exclude(problem_id__in=kept)
    for link in driven.select_related("problem", "workgroup").order_by("problem__number"):
        raise Refusal(
            f"问题{link.problem.number}由推进组“{link.workgroup.name}”负责，请先在该推进组中移除该问题，"
            "再将其移出专项整改"
        )
    before = campaign_state(campaign)
    campaign.name = name.strip()
    campaign.save(update_fields=["name"])
    campaign.problems.set(problems)
    campaign.sources.set(Source.objects.filter(pk__in={p.source_id for p in problems}))
    after = campaign_state(campaign)
    if after != before:
        audit_campaign_row(actor, AuditAction.CHANGE, campaign, campaign, "修改专项整改", after, before)
    return campaign


@transaction.atomic
def delete_campaign(actor: User, campaign: Campaign) -> None:
    """Delete the campaign with its groups and meetings (the problems and measures stay in the ledger);
    audited with what it held. Refusal when a decision of it extended deadlines or set a status."""
    campaign = lock_campaign(campaign)
    must_manage(actor, campaign.organisation)
    _refuse_applied(
        "该专项整改的推进会", list(Decision.objects.filter(meeting__campaign=campaign).order_by("id"))
    )
    before = {
        **campaign_state(campaign),
        "推进组": names(campaign.workgroups.order_by("id")),
        "推进会": names(campaign.progress_meetings.order_by("date", "id")),
    }
    audit_campaign_row(actor, AuditAction.DELETE, campaign, campaign, "删除专项整改", None, before)
    WorkgroupProblem.objects.filter(campaign=campaign).delete()
    campaign.delete()


@transaction.atomic
def update_workgroup(
    actor: User,
    group: Workgroup,
    *,
    name: str,
    lead: User,
    members: Sequence[User] = (),
    problems: Sequence[Problem] = (),
) -> Workgroup:
    """Change a work group's name, lead, members and problems under the rules of creating one; audited."""
    campaign = lock_campaign(group.campaign)
    must_manage(actor, campaign.organisation)
    group = Workgroup.objects.get(pk=group.pk)
    if not name.strip():
        raise Refusal("推进组名称不能为空")
    if campaign.workgroups.filter(name=name.strip()).exclude(pk=group.pk).exists():
        raise Refusal(f"该专项整改已有名为“{name.strip()}”的推进组")
    check_people(campaign.organisation, [lead, *members])
    check_group_problems(campaign, problems, group)
    before = group_state(group)
    group.name, group.lead = name.strip(), lead
    group.save(update_fields=["name", "lead"])
    group.members.set(members)
    WorkgroupProblem.objects.filter(workgroup=group).exclude(problem__in=problems).delete()
    have = set(WorkgroupProblem.objects.filter(workgroup=group).values_list("problem_id", flat=True))
    WorkgroupProblem.objects.bulk_create(
        [
            WorkgroupProblem(campaign=campaign, workgroup=group, problem=p)
            for p in problems
            if p.pk not in have
        ]
    )
    after = group_state(group)
    if after != before:
        audit_campaign_row(actor, AuditAction.CHANGE, group, campaign, "修改推进组", after, before)
    return group


@transaction.atomic
def delete_workgroup(actor: User, group: Workgroup) -> None:
    """Delete a work group; its problems stay in the campaign, driven by no group; audited."""
    campaign = lock_campaign(group.campaign)
    must_manage(actor, campaign.organisation)
    group = Workgroup.objects.get(pk=group.pk)
    audit_campaign_row(actor, AuditAction.DELETE, group, campaign, "删除推进组", None, group_state(group))
    group.delete()


@transaction.atomic
def update_progress_meeting(
    actor: User,
    meeting: ProgressMeeting,
    *,
    date: datetime.date,
    attendees: Sequence[User],
    minutes: str = "",
) -> ProgressMeeting:
    """Change a progress meeting's date, attendees and minutes under the rules of recording one; audited.
    Its decisions, and what they did, stay as they are."""
    campaign = lock_campaign(meeting.campaign)
    must_manage(actor, campaign.organisation)
    meeting = ProgressMeeting.objects.get(pk=meeting.pk)
    if not attendees:
        raise Refusal("请选择参会人员")
    check_people(campaign.organisation, attendees)
    before = meeting_state(meeting)
    meeting.date, meeting.minutes = date, minutes.strip()
    meeting.save(update_fields=["date", "minutes"])
    meeting.attendees.set(attendees)
    after = meeting_state(meeting)
    if after != before:
        audit_campaign_row(actor, AuditAction.CHANGE, meeting, campaign, "修改推进会", after, before)
    return meeting


@transaction.atomic
def delete_progress_meeting(actor: User, meeting: ProgressMeeting) -> None:
    """Delete a progress meeting with its decisions; audited. Refusal when one of its decisions extended
    deadlines or set a status (see the module's docstring)."""
    campaign = lock_campaign(meeting.campaign)
    must_manage(actor, campaign.organisation)
    meeting = ProgressMeeting.objects.get(pk=meeting.pk)
    _refuse_applied("该推进会", list(meeting.decisions.order_by("id")))
    audit_campaign_row(
        actor, AuditAction.DELETE, meeting, campaign, "删除推进会", None, meeting_state(meeting)
    )
    meeting.delete()
