"""Reading campaigns (专项整改): who sees which, and a campaign's progress per work group.

The summary sentence is the 整改落实情况报告's own (`documents.gongwen.summary_sentence`, fed by
`rectification.rectification_problems`), so a campaign's page and a source's report count a problem
已整改到位, 正在推进 or 暂不具备整改条件 by one rule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from zhenggai.documents.gongwen import RectificationProblem, RectificationSource, summary_sentence
from zhenggai.ledger.models import MEETING_KINDS, Campaign, Problem, Workgroup, WorkgroupProblem
from zhenggai.ledger.rectification import rectification_problems
from zhenggai.orgs.access import scope_q
from zhenggai.orgs.models import READING_ROLES, User


def visible_campaigns(user: User) -> QuerySet[Campaign]:
    """Campaigns of the organisations where the user reads, and those whose work groups he leads or is a
    member of; none for a visitor who has not logged in.
    """
    if not user.is_authenticated:
        return Campaign.objects.none()
    mine = Workgroup.objects.filter(Q(lead=user) | Q(members=user)).values("campaign_id")
    return Campaign.objects.filter(scope_q(user, READING_ROLES) | Q(pk__in=mine)).distinct()


@dataclass
class GroupProgress:
    """One work group's figures: problems by state, measures and how many are done."""

    name: str
    lead: str
    members: str
    problems: list[RectificationProblem] = field(default_factory=list)
    pk: int | None = None

    def count(self, state: str) -> int:
        """How many of the group's problems are in `state` (done, in_progress, blocked)."""
        return sum(1 for p in self.problems if p.state == state)

    @property
    def done(self) -> int:
        """Problems 已整改到位."""
        return self.count("done")

    @property
    def in_progress(self) -> int:
        """Problems 正在推进."""
        return self.count("in_progress")

    @property
    def blocked(self) -> int:
        """Problems 暂不具备整改条件."""
        return self.count("blocked")

    @property
    def measures(self) -> int:
        """The measures of the group's problems."""
        return sum(len(p.measures) for p in self.problems)

    @property
    def measures_done(self) -> int:
        """The group's measures 已完成."""
        return sum(1 for p in self.problems for m in p.measures if m.status == "done")


@dataclass
class CampaignProgress:
    """A campaign's summary sentence and its progress per work group (and of the problems no group drives)."""

    sentence: str
    groups: list[GroupProgress]
    ungrouped: GroupProgress


def campaign_progress(campaign: Campaign, today: datetime.date) -> CampaignProgress:
    """The campaign's figures as of `today`, computed from the ledger (four queries plus one per group)."""
    problems = Problem.objects.filter(campaigns=campaign)
    ids = list(problems.order_by("source_id", "number", "id").values_list("pk", flat=True))
    by_id = dict(zip(ids, rectification_problems(problems), strict=True))
    meeting = not campaign.sources.exclude(kind__in=MEETING_KINDS).exists()
    whole = RectificationSource(
        organisation=campaign.organisation.name,
        title=campaign.name,
        kind_label="专项整改",
        meeting=meeting,
        problems=list(by_id.values()),
    )
    sentence, _ = summary_sentence(whole, today)
    links = WorkgroupProblem.objects.filter(campaign=campaign).values_list("workgroup_id", "problem_id")
    driven: dict[int, list[int]] = {}
    for group_id, problem_id in links:
        driven.setdefault(group_id, []).append(problem_id)
    groups = []
    for group in campaign.workgroups.select_related("lead").prefetch_related("members"):
        groups.append(
            GroupProgress(
                name=group.name,
                lead=str(group.lead),
                members="、".join(str(m) for m in group.members.all()),
                problems=[by_id[pk] for pk in ids if pk in set(driven.get(group.pk, []))],
                pk=group.pk,
            )
        )
    grouped = {pk for pks in driven.values() for pk in pks}
    rest = GroupProgress("未分配推进组", "", "", [by_id[pk] for pk in ids if pk not in grouped])
    return CampaignProgress(sentence=sentence, groups=groups, ungrouped=rest)


def workgroup_names(problem_ids: set[int]) -> dict[int, str]:
    """The 推进组 column: the names of the work groups driving each problem (one query for a batch)."""
    names: dict[int, list[str]] = {}
    links = WorkgroupProblem.objects.filter(problem_id__in=problem_ids).order_by("campaign_id", "id")
    for problem_id, name in links.values_list("problem_id", "workgroup__name"):
        names.setdefault(problem_id, []).append(name)
    return {pk: "、".join(found) for pk, found in names.items()}
