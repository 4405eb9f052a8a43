"""The demo's campaign (专项整改): the 市委第一巡察组's 2021 feedback handled by two work groups.

The seed report says the team "成立整改推进组…定期召开推进会"; the demo has the campaign over the
inspection's four problems, a group for the Party-building and ideology problems led by the secretary
and one for the branches and finances led by 张伟, the first progress meeting a month after the
feedback (2021-07-20) deploying the work, and a recent one that extends a deadline through the
ledger's own service — the ledger's deadlines sit around today, so does its latest meeting.
Everything through the campaign services, audited.
"""

from __future__ import annotations

import datetime

from zhenggai.core import dates
from zhenggai.ledger.models import Campaign, Measure, Problem, Source, SourceKind, Status
from zhenggai.ledger.services import campaigns
from zhenggai.orgs.models import User

FIRST_MINUTES = (
    "市委第一巡察组6月15日反馈巡察意见后，机关党组研究制定整改方案，将反馈的4个方面问题纳入专项整改，"
    "成立两个整改推进组。\n"
    "会议听取了两个推进组关于整改任务分解情况的汇报，逐项研究了整改措施、责任人和完成时限。"
)
LATEST_MINUTES = (
    "会议听取了两个推进组关于整改进展的汇报，分析了尚未完成的整改任务和存在的困难，研究部署了下一步工作。"
)


def load_campaign_demo(office: User, people: dict[str, User]) -> None:
    """The campaign over the demo's inspection, its two groups and two progress meetings."""
    source = Source.objects.get(kind=SourceKind.INSPECTION, inspecting_body="市委第一巡察组")
    problems = list(source.problems.order_by("number"))
    campaign = campaigns.create_campaign(
        office,
        organisation=source.organisation,
        name="市委第一巡察组反馈问题专项整改",
        problems=problems,
        sources=[source],
    )
    everyone = [people[u] for u in ("wangshuji", "libangong", "zhangwei", "liuyang", "chenjing")]
    campaigns.create_workgroup(
        office,
        campaign,
        name="党风廉政和意识形态推进组",
        lead=people["wangshuji"],
        members=[people["chenjing"]],
        problems=problems[:2],
    )
    campaigns.create_workgroup(
        office,
        campaign,
        name="基层党建和财务管理推进组",
        lead=people["zhangwei"],
        members=[people["liuyang"]],
        problems=problems[2:],
    )
    first = campaigns.record_progress_meeting(
        office, campaign, date=datetime.date(2021, 7, 20), attendees=everyone, minutes=FIRST_MINUTES
    )
    campaigns.record_decision(
        office, first, text="各推进组每月底前向办公室报送一次整改进展，办公室汇总后报党组", measures=[]
    )
    campaigns.record_decision(
        office,
        first,
        text="公务接待票据自查由基层党建和财务管理推进组牵头，办公室配合，逐张核对近两年票据",
        measures=list(Measure.objects.filter(problem=problems[3]).order_by("number")),
    )
    _latest(office, campaign, everyone, problems)


def _latest(office: User, campaign: Campaign, everyone: list[User], problems: list[Problem]) -> None:
    """The recent progress meeting, extending the open measure whose deadline comes first."""
    today = dates.today()
    latest = campaigns.record_progress_meeting(
        office, campaign, date=today - datetime.timedelta(days=3), attendees=everyone, minutes=LATEST_MINUTES
    )
    open_ones = Measure.objects.filter(
        problem__in=problems, status__in=(Status.NOT_STARTED, Status.IN_PROGRESS), deadline__isnull=False
    ).order_by("deadline", "id")
    late = open_ones.first()
    if late is not None:
        assert late.deadline is not None
        campaigns.record_decision(
            office,
            latest,
            text="该项整改需与上级新修订的制度衔接，待上级文件印发后推进，完成时限延后一个月",
            measures=[late],
            action="extend",
            deadline=max(late.deadline, today) + datetime.timedelta(days=30),
        )
