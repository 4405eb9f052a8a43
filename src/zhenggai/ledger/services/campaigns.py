"""Services on campaigns (专项整改): create one, its work groups (推进组), progress meetings (推进会) and
their decisions — each one transaction, every row audited.

Only the secretary or office of the campaign's organisation (or above) changes a campaign. A decision
that extends deadlines or sets a status does so through `extend_deadline` and `change_status`, the
same services every page and the API use: their rules, messages, version checks (409) and audit
entries apply unchanged, and a refusal for any one measure leaves nothing of the decision written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.audit import AuditAction, record, snapshot
from zhenggai.ledger.models import (
    Campaign,
    Decision,
    DecisionAction,
    Measure,
    Problem,
    ProgressMeeting,
    Source,
    Workgroup,
    WorkgroupProblem,
)
from zhenggai.ledger.services.common import must_manage
from zhenggai.ledger.services.measures import extend_deadline
from zhenggai.ledger.services.status import change_status
from zhenggai.orgs.models import Organisation, User


def names(items: Iterable[Any]) -> str:
    """Things by name, joined by 、 (how an audit entry names the people and rows a row links to)."""
    return "、".join(str(item) for item in items)


def problem_names(problems: Iterable[Problem]) -> str:
    """问题1、问题3: problems as an audit entry names them."""
    return "、".join(f"问题{p.number}" for p in problems)


def audit_campaign_row(
    actor: User,
    action: str,
    obj: Any,
    campaign: Campaign,
    summary: str,
    after: dict[str, Any] | None,
    before: dict[str, Any] | None = None,
) -> None:
    """The audit entry of a campaign, work group, progress meeting or decision, filed under the
    campaign's organisation; what the row links to (problems, people) is written by name.
    """
    path = campaign.organisation.path
    record(actor, action, obj, summary=summary, before=before, after=after, organisation_path=path)


def lock_campaign(campaign: Campaign) -> Campaign:
    """The campaign read afresh and locked (FOR UPDATE) for the rest of the transaction."""
    return Campaign.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=campaign.pk)


def check_problems(organisation: Organisation, problems: Sequence[Problem]) -> None:
    """Refusal without problems or with one outside `organisation`'s tree."""
    if not problems:
        raise Refusal("请至少选择一个问题")
    for p in problems:
        if not p.organisation.is_within(organisation):
            raise Refusal(f"问题{p.number}不属于“{organisation}”或其下级组织，不能纳入该专项整改")


@transaction.atomic
def create_campaign(
    actor: User,
    *,
    organisation: Organisation,
    name: str,
    problems: Sequence[Problem],
    sources: Sequence[Source] = (),
) -> Campaign:
    """A new campaign of `organisation` grouping `problems` (from one or several sources), audited.

    Its sources are `sources` and those of its problems. Raises Forbidden unless the actor manages the
    organisation; Refusal for an empty name, no problem, or a problem of another organisation.
    """
    must_manage(actor, organisation)
    if not name.strip():
        raise Refusal("专项整改名称不能为空")
    check_problems(organisation, problems)
    campaign = Campaign.objects.create(organisation=organisation, name=name.strip(), created_by=actor)
    campaign.problems.set(problems)
    source_ids = {s.pk for s in sources} | {p.source_id for p in problems}
    campaign.sources.set(Source.objects.filter(pk__in=source_ids))
    after = {
        **snapshot(campaign),
        "问题来源": names(campaign.sources.order_by("id")),
        "问题": problem_names(problems),
    }
    audit_campaign_row(actor, AuditAction.CREATE, campaign, campaign, "新增专项整改", after)
    return campaign


def people_rule(organisation: Organisation) -> str:
    """The refusal for a lead, member or attendee from outside the campaign's organisation tree."""
    return f"推进组组长、成员和参会人员必须是“{organisation}”或其下级组织在职的书记、办公室人员或班子成员"


def check_people(organisation: Organisation, people: Iterable[User]) -> None:
    """Refusal (people_rule) for anyone outside the organisation tree's eligible people."""
    allowed = set(eligible_owners(organisation).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in people):
        raise Refusal(people_rule(organisation))


@transaction.atomic
def create_workgroup(
    actor: User,
    campaign: Campaign,
    *,
    name: str,
    lead: User,
    members: Sequence[User] = (),
    problems: Sequence[Problem] = (),
) -> Workgroup:
    """A work group (推进组) of `campaign` with its lead, members and the problems it drives; audited.

    Raises Forbidden unless the actor manages the campaign's organisation; Refusal for an empty or
    taken name, people outside the organisation tree, a problem not in the campaign, or one another
    group of the campaign already drives (a problem is in at most one group per campaign).
    """
    campaign = lock_campaign(campaign)
    must_manage(actor, campaign.organisation)
    if not name.strip():
        raise Refusal("推进组名称不能为空")
    if campaign.workgroups.filter(name=name.strip()).exists():
        raise Refusal(f"该专项整改已有名为“{name.strip()}”的推进组")
    check_people(campaign.organisation, [lead, *members])
    check_group_problems(campaign, problems)
    group = Workgroup.objects.create(campaign=campaign, name=name.strip(), lead=lead)
    group.members.set(members)
    WorkgroupProblem.objects.bulk_create(
        [WorkgroupProblem(campaign=campaign, workgroup=group, problem=p) for p in problems]
    )
    after = {**snapshot(group), "成员": names(members), "负责的问题": problem_names(problems)}
    audit_campaign_row(actor, AuditAction.CREATE, group, campaign, "新增推进组", after)
    return group


def check_group_problems(
    campaign: Campaign, problems: Sequence[Problem], group: Workgroup | None = None
) -> None:
    """Refusal for a problem not in `campaign` or driven by a group of it other than `group`."""
    in_campaign = set(campaign.problems.values_list("pk", flat=True))
    links = WorkgroupProblem.objects.filter(campaign=campaign)
    if group is not None:
        links = links.exclude(workgroup=group)
    taken = dict(links.values_list("problem_id", "workgroup__name"))
    for p in problems:
        if p.pk not in in_campaign:
            raise Refusal(f"问题{p.number}不属于该专项整改")
        if p.pk in taken:
            raise Refusal(
                f"问题{p.number}已由推进组“{taken[p.pk]}”负责，同一专项整改中一个问题只能属于一个推进组"
            )


@transaction.atomic
def record_progress_meeting(
    actor: User, campaign: Campaign, *, date: datetime.date, attendees: Sequence[User], minutes: str = ""
) -> ProgressMeeting:
    """A progress meeting (推进会) of `campaign`: its date, attendees and minutes; audited.

    Raises Forbidden unless the actor manages the campaign's organisation; Refusal without attendees
    or with attendees outside the organisation tree.
    """
    campaign = lock_campaign(campaign)
    must_manage(actor, campaign.organisation)
    if not attendees:
        raise Refusal("请选择参会人员")
    check_people(campaign.organisation, attendees)
    meeting = ProgressMeeting.objects.create(campaign=campaign, date=date, minutes=minutes.strip())
    meeting.attendees.set(attendees)
    after = {**snapshot(meeting), "参会人员": names(attendees)}
    audit_campaign_row(actor, AuditAction.CREATE, meeting, campaign, "新增推进会", after)
    return meeting


def _apply(
    actor: User, decision: Decision, measure: Measure, fields: dict[str, Any], version: int | None
) -> None:
    """The decision's action on one measure, through the ledger's own services."""
    if decision.action == DecisionAction.EXTEND:
        assert decision.deadline is not None
        reason = fields.get("reason", "").strip() or decision.text
        extend_deadline(actor, measure, deadline=decision.deadline, reason=reason, version=version)
    elif decision.action == DecisionAction.STATUS:
        change_status(
            actor,
            measure,
            decision.status,
            completion_note=fields.get("completion_note", ""),
            blocked_reason=fields.get("blocked_reason", ""),
            review_date=fields.get("review_date"),
            version=version,
        )


@transaction.atomic
def record_decision(
    actor: User,
    meeting: ProgressMeeting,
    *,
    text: str,
    measures: Sequence[Measure],
    action: str = DecisionAction.NONE,
    versions: dict[int, int] | None = None,
    **fields: Any,
) -> Decision:
    """A decision of a progress meeting touching `measures`, audited; its action applied to each of them.

    `action` 延期 needs `deadline` (the reason is `reason`, else the decision's text); 变更状态 needs
    `status` and what that status needs (`completion_note`, `blocked_reason`, `review_date`).
    `versions`: measure id → the version the page showed (Conflict, 409, when older). Raises Forbidden
    unless the actor manages the campaign's organisation; Refusal for an empty text, a measure
    outside the campaign, or whatever the ledger's rules refuse — and then nothing is written.
    """
    campaign = lock_campaign(meeting.campaign)
    must_manage(actor, campaign.organisation)
    if not text.strip():
        raise Refusal("议定事项不能为空")
    if action not in DecisionAction.values:
        raise Refusal("处理方式无效")
    if action and not measures:
        raise Refusal("延期或变更状态须选择涉及的整改措施")
    if action == DecisionAction.EXTEND and fields.get("deadline") is None:
        raise Refusal("请填写新的完成时限")
    if action == DecisionAction.STATUS and not fields.get("status"):
        raise Refusal("请选择新状态")
    allowed = set(Measure.objects.filter(problem__campaigns=campaign).values_list("pk", flat=True))
    if any(m.pk not in allowed for m in measures):
        raise Refusal("所选整改措施不属于该专项整改")
    decision = Decision.objects.create(
        meeting=meeting,
        text=text.strip(),
        action=action,
        deadline=fields.get("deadline") if action == DecisionAction.EXTEND else None,
        status=fields.get("status", "") if action == DecisionAction.STATUS else "",
    )
    decision.measures.set(measures)
    after = {**snapshot(decision), "涉及的整改措施": names(m.text[:20] for m in measures)}
    audit_campaign_row(actor, AuditAction.CREATE, decision, campaign, "推进会议定事项", after)
    for measure in measures:
        _apply(actor, decision, measure, fields, (versions or {}).get(measure.pk))
    return decision


@transaction.atomic
def assign_problem(actor: User, group: Workgroup, problem: Problem) -> bool:
    """Have `group` drive `problem` (the Excel import's 推进组 column): the problem joins the campaign if it
    was not in it, and leaves the campaign's other group if another drove it; audited. False when the
    group drove it already (nothing written).

    Raises Forbidden unless the actor manages the campaign's organisation; Refusal for a problem of
    another organisation.
    """
    campaign = lock_campaign(group.campaign)
    must_manage(actor, campaign.organisation)
    check_problems(campaign.organisation, [problem])
    link = (
        WorkgroupProblem.objects.filter(campaign=campaign, problem=problem)
        .select_related("workgroup")
        .first()
    )
    if link is not None and link.workgroup_id == group.pk:
        return False
    campaign.problems.add(problem)
    before = {"推进组": link.workgroup.name} if link is not None else None
    WorkgroupProblem.objects.update_or_create(
        campaign=campaign, problem=problem, defaults={"workgroup": group}
    )
    path = campaign.organisation.path
    action = AuditAction.CHANGE if link is not None else AuditAction.CREATE
    after = {"推进组": group.name}
    record(
        actor,
        action,
        problem,
        summary="调整推进组",
        before=before,
        after=after,
        problem_id=problem.pk,
        organisation_path=path,
    )
    return True
