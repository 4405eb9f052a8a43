"""Campaigns (专项整改): problems handled together, their work groups (推进组) and progress meetings (推进会).

A campaign belongs to one organisation and groups problems of one or several sources of it or
below. A work group (推进组) has a lead and members among the people of the campaign's organisation
tree and drives some of the campaign's problems — each problem in at most one group per campaign
(the `WorkgroupProblem` row carries the campaign so the database holds that rule). A progress
meeting (推进会) has a date, attendees, minutes and decisions; a decision names the measures it
touches and may extend their deadline or set their status, through the ledger's services.

These classes only hold data: the rules are in services/campaigns.py, who may do what in access.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhenggai.orgs.models import Organisation


class Campaign(models.Model):
    """A campaign (专项整改) of an organisation: a name, its sources and the problems it groups."""

    organisation = models.ForeignKey(Organisation, verbose_name="组织", on_delete=models.PROTECT)
    name = models.CharField("名称", max_length=200)
    sources = models.ManyToManyField("ledger.Source", verbose_name="问题来源", related_name="campaigns")
    problems = models.ManyToManyField("ledger.Problem", verbose_name="问题", related_name="campaigns")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        """Named 专项整改; latest first."""

        verbose_name = "专项整改"
        verbose_name_plural = "专项整改"
        ordering = ("-id",)

    def __str__(self) -> str:
        return self.name


class Workgroup(models.Model):
    """A work group (整改推进组) of a campaign: its lead, members and the problems it drives."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="专项整改", on_delete=models.CASCADE, related_name="workgroups"
    )
    name = models.CharField("名称", max_length=100)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="组长", on_delete=models.PROTECT, related_name="led_workgroups"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="成员", blank=True, related_name="workgroups"
    )

    class Meta:
        """Named 推进组; one name once per campaign."""

        verbose_name = "推进组"
        verbose_name_plural = "推进组"
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("campaign", "name"), name="workgroup_name_once_per_campaign"),
        )

    def __str__(self) -> str:
        return self.name


class WorkgroupProblem(models.Model):
    """A problem driven by a work group; the campaign is repeated so a problem is in one group per campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    workgroup = models.ForeignKey(Workgroup, on_delete=models.CASCADE, related_name="problem_links")
    problem = models.ForeignKey("ledger.Problem", on_delete=models.PROTECT, related_name="workgroup_links")

    class Meta:
        """Named 推进组负责的问题; a problem once per campaign."""

        verbose_name = "推进组负责的问题"
        verbose_name_plural = "推进组负责的问题"
        constraints = (
            models.UniqueConstraint(fields=("campaign", "problem"), name="problem_in_one_workgroup"),
        )

    def __str__(self) -> str:
        return f"{self.workgroup}：问题{self.problem_id}"


class ProgressMeeting(models.Model):
    """A progress meeting (推进会) of a campaign: date, attendees, minutes; its decisions hang below."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="专项整改", on_delete=models.CASCADE, related_name="progress_meetings"
    )
    date = models.DateField("日期")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参会人员", related_name="+")
    minutes = models.TextField("会议纪要", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 推进会; latest date first."""

        verbose_name = "推进会"
        verbose_name_plural = "推进会"
        ordering = ("-date", "-id")

    def __str__(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日推进会"


class DecisionAction(models.TextChoices):
    """What a decision does to the measures it touches besides recording them: nothing, 延期, or a status."""

    NONE = "", "仅记录"
    EXTEND = "extend", "延期"
    STATUS = "status", "变更状态"


class Decision(models.Model):
    """A decision of a progress meeting (议定事项): its text, the measures it touches and its action."""

    meeting = models.ForeignKey(
        ProgressMeeting, verbose_name="推进会", on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField("议定事项")
    measures = models.ManyToManyField(
        "ledger.Measure", verbose_name="涉及的整改措施", related_name="decisions"
    )
    action = models.CharField("处理", max_length=10, choices=DecisionAction.choices, blank=True)
    deadline = models.DateField("新的完成时限", null=True, blank=True)
    status = models.CharField("新状态", max_length=20, blank=True)

    class Meta:
        """Named 推进会议定事项; in the order recorded."""

        verbose_name = "推进会议定事项"
        verbose_name_plural = "推进会议定事项"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.text[:40]
