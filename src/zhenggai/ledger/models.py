"""The ledger's data: sources of problems, problems, measures, progress, evidence.

State rules live in `services.py`, never here: these classes only hold data. The audit trail is
in `audit.py`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from zhenggai.documents.measure_labels import STATUS_LABELS, TERM_LABELS
from zhenggai.ledger.audit import AuditEntry  # noqa: F401  (a model of this app)

# Models of this app, declared in their own module (campaigns: 专项整改).
from zhenggai.ledger.campaign_models import (
    Campaign as Campaign,
)
from zhenggai.ledger.campaign_models import (
    Decision as Decision,
)
from zhenggai.ledger.campaign_models import (
    DecisionAction as DecisionAction,
)
from zhenggai.ledger.campaign_models import (
    ProgressMeeting as ProgressMeeting,
)
from zhenggai.ledger.campaign_models import (
    Workgroup as Workgroup,
)
from zhenggai.ledger.campaign_models import (
    WorkgroupProblem as WorkgroupProblem,
)
from zhenggai.ledger.search import search_tokens
from zhenggai.orgs.models import Organisation


class SourceKind(models.TextChoices):
    """Where a source's problems come from: a meeting (民主生活会, 组织生活会) or an outside examination
    (巡视 by a province or the centre, 巡察 by a city or county, 审计, 督查).
    """

    DEMOCRATIC_LIFE = "democratic_life", "民主生活会"
    ORGANISATIONAL_LIFE = "organisational_life", "组织生活会"
    CENTRAL_INSPECTION = "central_inspection", "巡视"
    INSPECTION = "inspection", "巡察"
    AUDIT = "audit", "审计"
    SUPERVISION = "supervision", "督查"


MEETING_KINDS = (SourceKind.DEMOCRATIC_LIFE, SourceKind.ORGANISATIONAL_LIFE)


class Source(models.Model):
    """Where problems come from: a meeting (year, theme) or an inspection (body, feedback date).

    A meeting's source is its ledger: `meetings.Meeting.source` points here one-to-one.
    """

    kind = models.CharField("类型", max_length=30, choices=SourceKind.choices)
    organisation = models.ForeignKey(Organisation, verbose_name="组织", on_delete=models.PROTECT)
    title = models.CharField("名称", max_length=200)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    theme = models.CharField("主题", max_length=200, blank=True)
    inspecting_body = models.CharField("巡察（检查）机构", max_length=200, blank=True)
    feedback_date = models.DateField("反馈日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL
    )
    #: Raised by every change (see versions.py): a change based on an older version is refused.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        """Named 问题来源; latest year first, then latest created first."""

        verbose_name = "问题来源"
        verbose_name_plural = "问题来源"
        ordering = ("-year", "-id")

    def __str__(self) -> str:
        return self.title

    @property
    def is_meeting(self) -> bool:
        """True for a meeting (民主生活会 or 组织生活会), False for 巡视, 巡察, 审计 and 督查."""
        return self.kind in MEETING_KINDS


class Problem(models.Model):
    """One problem found (查摆问题 or 反馈问题), with its closed (销号) state."""

    source = models.ForeignKey(
        Source, verbose_name="问题来源", on_delete=models.PROTECT, related_name="problems"
    )
    organisation = models.ForeignKey(Organisation, verbose_name="组织", on_delete=models.PROTECT)
    number = models.PositiveIntegerField("序号", default=0)
    aspect = models.CharField("方面", max_length=300, blank=True)
    category = models.CharField("类别", max_length=100, blank=True)
    description = models.TextField("问题描述")
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    close_note = models.TextField("销号说明", blank=True)
    reopened_at = models.DateTimeField("重新打开时间", null=True, blank=True)
    reopen_reason = models.TextField("重新打开原因", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Raised by every change, closing and reopening included (see versions.py).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        """Named 问题; in ledger order, by source then number; indexed by organisation and source."""

        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ("source_id", "number", "id")
        indexes = (models.Index(fields=["organisation", "source"]),)

    def __str__(self) -> str:
        return f"{self.number}. {self.description[:40]}"

    @property
    def is_closed(self) -> bool:
        """True from the problem's closing (销号) until it is reopened."""
        return self.closed_at is not None


class Term(models.TextChoices):
    """How a measure is scheduled: 立行立改 (at once), 限期整改 (by a deadline, which it must then have),
    长期坚持 (ongoing). The words users read come from the document engine.
    """

    IMMEDIATE = "immediate", TERM_LABELS["immediate"]
    DEADLINE = "deadline", TERM_LABELS["deadline"]
    ONGOING = "ongoing", TERM_LABELS["ongoing"]


class Status(models.TextChoices):
    """A measure's state. 已完成 needs a completion note and evidence, 暂不具备整改条件 a reason and a
    review date (see services/status.py). The words users read come from the document engine.
    """

    NOT_STARTED = "not_started", STATUS_LABELS["not_started"]
    IN_PROGRESS = "in_progress", STATUS_LABELS["in_progress"]
    DONE = "done", STATUS_LABELS["done"]
    BLOCKED = "blocked", STATUS_LABELS["blocked"]


#: The codes of every term and status, as sets: Django's `.values` builds a new list at each use, which
#: a check run on every row of an import pays 10,000 times.
TERMS = frozenset(Term.values)
STATUSES = frozenset(Status.values)
#: Statuses whose deadline still runs: these can be overdue or due soon.
OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)


class Measure(models.Model):
    """One rectification measure with owner, unit, term, deadline and status.

    `organisation` repeats the problem's organisation so the ledger filters and pages on one table.
    `search_text` holds the bigram tokens of the problem and measure (see search.py).
    """

    problem = models.ForeignKey(
        Problem, verbose_name="问题", on_delete=models.PROTECT, related_name="measures"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField("序号", default=0)
    text = models.TextField("整改措施")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    unit = models.ForeignKey(
        Organisation,
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    term = models.CharField("整改时限类型", max_length=20, choices=Term.choices, default=Term.DEADLINE)
    deadline = models.DateField("完成时限", null=True, blank=True)
    original_deadline = models.DateField("原定时限", null=True, blank=True)
    extension_reason = models.TextField("延期原因", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completion_note = models.TextField("完成情况", blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    blocked_reason = models.TextField("暂不具备整改条件的原因", blank=True)
    review_date = models.DateField("复查日期", null=True, blank=True)
    finished_late = models.BooleanField("逾期完成", default=False)
    #: The deadline that had already passed when an extension was granted (the first such one): the
    #: measure was late then, so finishing it later, even before the new deadline, is finished late.
    missed_deadline = models.DateField("延期前已逾期的时限", null=True, blank=True)
    done_without_evidence = models.BooleanField("导入时已完成但无佐证材料", default=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: Raised by every change: edit, status, extension (see versions.py).
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        """Named 整改措施; in id order; indexed for the ledger's filters and its keyset paging."""

        verbose_name = "整改措施"
        verbose_name_plural = "整改措施"
        ordering = ("id",)
        indexes = (
            models.Index(fields=["organisation", "id"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["owner", "id"]),
            models.Index(fields=["unit", "id"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["deadline", "id"]),
            models.Index(fields=["updated_at", "id"]),
            # One organisation's open measures by deadline: the dashboard's lists of a city (firsts.py).
            models.Index(
                fields=["organisation", "deadline", "id"],
                # OR, not IN: PostgreSQL prints an IN over varchar differently once dumped and restored.
                condition=models.Q(status="not_started") | models.Q(status="in_progress"),
                name="ledger_measure_open_by_org",
            ),
        )

    #: The 督办 colour of this row on a page ('overdue', 'due-soon' or ''), set by the view listing it.
    row_class = ""

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_extended(self) -> bool:
        """True once the deadline has been extended (延期); the first one is kept in `original_deadline`."""
        return self.original_deadline is not None

    def is_overdue(self, today: datetime.date) -> bool:
        """True when the measure is not started or in progress and its deadline is before `today` (逾期)."""
        return self.status in OPEN_STATUSES and self.deadline is not None and self.deadline < today

    def is_due_within(self, today: datetime.date, days: int) -> bool:
        """True when the measure is not started or in progress and its deadline is from `today` to `days`
        days later, both included.
        """
        return (
            self.status in OPEN_STATUSES
            and self.deadline is not None
            and today <= self.deadline <= today + datetime.timedelta(days=days)
        )

    def refresh_search_text(self) -> None:
        """Recompute `search_text` from the measure and its problem (call before saving)."""
        self.search_text = search_tokens(f"{self.problem.description} {self.text}")


class Progress(models.Model):
    """A dated note on a measure (整改进展), possibly changing its status."""

    measure = models.ForeignKey(
        Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="progress"
    )
    date = models.DateField("日期")
    text = models.TextField("进展情况")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT)
    status_before = models.CharField("原状态", max_length=20, choices=Status.choices, blank=True)
    status_after = models.CharField("新状态", max_length=20, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 整改进展; latest date first."""

        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        ordering = ("-date", "-id")

    def __str__(self) -> str:
        return self.label(self.date, self.text)

    @staticmethod
    def label(date: datetime.date, text: str) -> str:
        """What a progress entry of `date` saying `text` is called: 2026年3月1日 and its first words."""
        return f"{date.year}年{date.month}月{date.day}日 {text[:30]}"


class Evidence(models.Model):
    """A file proving a measure's progress (佐证材料), kept in the evidence storage by a name we chose."""

    measure = models.ForeignKey(
        Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="evidence"
    )
    progress = models.ForeignKey(
        Progress,
        verbose_name="整改进展",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    name = models.CharField("文件名", max_length=200)
    stored_name = models.CharField("存储文件名", max_length=100, unique=True, editable=False)
    size = models.PositiveBigIntegerField("大小")
    sha256 = models.CharField("SHA-256 校验值", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        """Named 佐证材料; in upload order."""

        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name
