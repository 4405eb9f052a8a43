"""双重组织生活 and 公开承诺: what a leader's report accounts for in its parts (八) and (九).

A leader (班子成员 or 书记 of a team) also belongs, as an ordinary member, to a Party branch
(`DualLife`); the branch's meetings (三会一课, 主题党日, 组织生活会) record his attendance. His public
pledges (`Commitment`) get a statement each year, and a matter found against one opens a ledger
problem (`CommitmentMatter.problem`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhenggai.orgs.models import Organisation

#: How many branch meetings a leader attends a year unless his organisation sets otherwise (主题党日
#: is monthly); DualLifeRule changes it for an organisation and everything below it.
DEFAULT_REQUIRED_PER_YEAR = 12


class BranchMeetingKind(models.TextChoices):
    """The kinds of a branch's organisational life (三会一课, 主题党日, 组织生活会)."""

    CONGRESS = "congress", "支部党员大会"
    COMMITTEE = "committee", "支部委员会"
    GROUP = "group", "党小组会"
    LECTURE = "lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    ORGANISATIONAL_LIFE = "organisational_life", "组织生活会"


class Presence(models.TextChoices):
    """A leader at a branch meeting: there, there and spoke, or away (with the reason)."""

    PRESENT = "present", "出席"
    SPOKE = "spoke", "出席并发言"
    ABSENT = "absent", "缺席"


class DualLife(models.Model):
    """The branch a leader belongs to as an ordinary member (双重组织生活)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="领导干部", on_delete=models.CASCADE, related_name="dual_life"
    )
    branch = models.ForeignKey(
        Organisation, verbose_name="所在党支部", on_delete=models.PROTECT, related_name="dual_life_members"
    )
    since = models.DateField("编入时间", null=True, blank=True)

    class Meta:
        """Named 双重组织生活."""

        verbose_name = "双重组织生活"
        verbose_name_plural = "双重组织生活"

    def __str__(self) -> str:
        return f"{self.person} 编入 {self.branch}"


class BranchMeeting(models.Model):
    """One meeting of a branch: kind, date and topic; its attendance lists the leaders of the branch."""

    branch = models.ForeignKey(
        Organisation, verbose_name="党支部", on_delete=models.PROTECT, related_name="branch_meetings"
    )
    kind = models.CharField("类型", max_length=24, choices=BranchMeetingKind.choices)
    date = models.DateField("日期")
    topic = models.CharField("主题", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 支部会议; newest first."""

        verbose_name = "支部会议"
        verbose_name_plural = "支部会议"
        ordering = ("-date", "-id")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}：{self.topic}"


class Attendance(models.Model):
    """A leader at one branch meeting."""

    meeting = models.ForeignKey(
        BranchMeeting, verbose_name="支部会议", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="领导干部", on_delete=models.PROTECT, related_name="+"
    )
    presence = models.CharField("出席情况", max_length=10, choices=Presence.choices)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        """Named 参会情况; one line per person and meeting."""

        verbose_name = "参会情况"
        verbose_name_plural = "参会情况"
        constraints = (
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_meeting"),
        )

    def __str__(self) -> str:
        return f"{self.person} {self.get_presence_display()}（{self.meeting}）"


class DualLifeRule(models.Model):
    """How many branch meetings a year the leaders of an organisation (and below it) must attend."""

    organisation = models.OneToOneField(
        Organisation, verbose_name="组织", on_delete=models.CASCADE, related_name="dual_life_rule"
    )
    required_per_year = models.PositiveSmallIntegerField("每年应参加次数", default=DEFAULT_REQUIRED_PER_YEAR)

    class Meta:
        """Named 参加次数要求."""

        verbose_name = "参加次数要求"
        verbose_name_plural = "参加次数要求"

    def __str__(self) -> str:
        return f"{self.organisation}：每年至少 {self.required_per_year} 次"


class Commitment(models.Model):
    """A public pledge (公开承诺) of a leader, made in his organisation."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承诺人", on_delete=models.PROTECT, related_name="commitments"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.PROTECT, related_name="commitments"
    )
    text = models.TextField("承诺内容")
    made_on = models.DateField("承诺时间")
    scope = models.CharField("承诺范围", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 公开承诺; oldest first."""

        verbose_name = "公开承诺"
        verbose_name_plural = "公开承诺"
        ordering = ("made_on", "id")

    def __str__(self) -> str:
        return f"{self.person}：{self.text[:40]}"


class CommitmentStatement(models.Model):
    """The leader's yearly statement on one pledge (践诺情况): kept or not, in his words."""

    commitment = models.ForeignKey(
        Commitment, verbose_name="公开承诺", on_delete=models.CASCADE, related_name="statements"
    )
    year = models.PositiveSmallIntegerField("年度")
    kept = models.BooleanField("已践诺")
    text = models.TextField("践诺情况")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 践诺情况; one per pledge and year."""

        verbose_name = "践诺情况"
        verbose_name_plural = "践诺情况"
        ordering = ("-year",)
        constraints = (models.UniqueConstraint(fields=["commitment", "year"], name="one_statement_per_year"),)

    def __str__(self) -> str:
        return f"{self.year}年 {'已践诺' if self.kept else '未践诺'}：{self.commitment}"


class CommitmentMatter(models.Model):
    """A matter found against a pledge; it opens a problem in the ledger, tracked to done there."""

    commitment = models.ForeignKey(
        Commitment, verbose_name="公开承诺", on_delete=models.CASCADE, related_name="matters"
    )
    found_on = models.DateField("发现时间")
    description = models.TextField("问题情况")
    problem = models.ForeignKey(
        "ledger.Problem", verbose_name="台账问题", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 违诺问题; newest first."""

        verbose_name = "违诺问题"
        verbose_name_plural = "违诺问题"
        ordering = ("-found_on", "-id")

    def __str__(self) -> str:
        return f"{self.found_on:%Y-%m-%d} {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        """True until its ledger problem is closed (销号)."""
        return self.problem is None or self.problem.closed_at is None
