"""Meetings, the aspects of their notice, opinion links, opinions and talks.

Rules live in `services.py` (and `opinions.py`, `talks.py`); these classes only hold data.
An opinion deliberately has no user, no IP address, no precise time and no link to the
collection link it came through: see docs/meetings.md, "匿名".
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models

from zhenggai.ledger.models import MEETING_KINDS, Source
from zhenggai.orgs.models import Organisation

#: (value, label) of the two meeting kinds, the same values as the ledger's SourceKind.
MEETING_KIND_CHOICES = [(k.value, k.label) for k in MEETING_KINDS]


class Meeting(models.Model):
    """One 民主生活会 or 组织生活会 of an organisation; its problems live in the ledger `source`."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("类型", max_length=30, choices=MEETING_KIND_CHOICES)
    year = models.PositiveSmallIntegerField("年度")
    theme = models.CharField("主题", max_length=200, blank=True)
    date = models.DateField("召开日期", null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="参会人员", related_name="meetings", blank=True
    )
    source = models.OneToOneField(
        Source, verbose_name="台账问题来源", on_delete=models.PROTECT, related_name="meeting"
    )
    previous_meeting = models.ForeignKey(
        "self",
        verbose_name="上一次会议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_meetings",
    )
    notice_name = models.CharField("通知文件名", max_length=200, blank=True)
    notice_text = models.TextField("通知全文", blank=True)
    #: The uploaded file as it came (empty for a pasted notice), kept in the database so that
    #: any number of app servers share it without shared disk.
    notice_data = models.BinaryField("通知原件", blank=True, default=b"", editable=False)
    aspects_confirmed = models.BooleanField("方面已确认", default=False)
    #: Opinions are published in shuffled batches of at least this many (see holding.py).
    opinion_batch = models.PositiveSmallIntegerField("意见满多少条公布一次", default=5)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    #: Raised by each change of what the edit page edits — year, theme, date, participants — and by
    #: nothing else (a notice read, aspects confirmed): a save based on an older version is refused.
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        """Named 会议; latest year first; indexed by organisation, kind and year (for the previous meeting)."""

        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ("-year", "-id")
        indexes = (models.Index(fields=["organisation", "kind", "year"]),)

    def __str__(self) -> str:
        return self.source.title if self.source_id else f"{self.year}年度{self.get_kind_display()}"

    @property
    def has_notice(self) -> bool:
        """True once a notice with some text is stored."""
        return bool(self.notice_text.strip())


class Aspect(models.Model):
    """One aspect (方面) the notice requires, in the order the office confirmed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="aspects"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    text = models.CharField("方面", max_length=300)

    class Meta:
        """Named 查摆方面; in the order the office confirmed."""

        verbose_name = "查摆方面"
        verbose_name_plural = "查摆方面"
        ordering = ("meeting_id", "position", "id")

    def __str__(self) -> str:
        return self.text


class OpinionLink(models.Model):
    """A collection link (征求意见链接): an unguessable token, an expiry date, closable."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="opinion_links"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    title = models.CharField("说明", max_length=100, blank=True)
    expires_on = models.DateField("截止日期")
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        """Named 征求意见链接; newest first."""

        verbose_name = "征求意见链接"
        verbose_name_plural = "征求意见链接"
        ordering = ("-id",)

    def __str__(self) -> str:
        return self.title or f"征求意见链接（截止 {self.expires_on}）"

    def is_open(self, today: datetime.date) -> bool:
        """True while the link takes opinions: not closed, and `today` not past its last day."""
        return self.closed_at is None and today <= self.expires_on


class Route(models.TextChoices):
    """Where the office sends an opinion: not yet (待分办), to one participant (个人) or the team (班子)."""

    UNSORTED = "unsorted", "待分办"
    MEMBER = "member", "个人"
    TEAM = "team", "班子"


class MatchDecision(models.TextChoices):
    """The office's word on the answered check: none (the automatic match counts), answered or unanswered."""

    AUTO = "", "按自动比对"
    ANSWERED = "answered", "已回应（确认）"
    UNANSWERED = "unanswered", "未回应（确认）"


class Opinion(models.Model):
    """One opinion (征求意见). Anonymous by construction: nothing here says who sent it or when exactly.

    The primary key is random so that ids do not give away the order of submission.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="opinions"
    )
    text = models.TextField("意见内容")
    #: The date only: a precise time could tie the opinion to whoever was seen at a phone.
    received_on = models.DateField("收到日期")
    #: What the sender chose: a member of the meeting, or nobody (the team).
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="针对",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_aspect = models.ForeignKey(
        Aspect,
        verbose_name="提交时所选方面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The office's sorting.
    route = models.CharField("分办", max_length=20, choices=Route.choices, default=Route.UNSORTED)
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分办给",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routed_opinions",
    )
    aspect = models.ForeignKey(
        Aspect, verbose_name="方面", null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions"
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="合并到",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    answered = models.BooleanField("已回应", default=False)
    # The office's word on the check "is it answered by a problem of his report?".
    match_decision = models.CharField(
        "比对确认", max_length=20, choices=MatchDecision.choices, default=MatchDecision.AUTO, blank=True
    )
    matched_item = models.CharField("回应该意见的问题", max_length=500, blank=True)

    class Meta:
        """Named 征求意见; by meeting, latest day first, then by text: never in the order they came in."""

        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("meeting_id", "-received_on", "text")

    def __str__(self) -> str:
        return self.text[:40]


class HeldOpinion(models.Model):
    """An accepted opinion waiting to be published (待公布): sealed, and deleted when it is published.

    Its key is random and everything the sender wrote (text, whom, aspect) is sealed (sealing.py), so
    that what the database keeps of a held row — its own insertion order and transaction id, in live
    rows, dead rows, the write-ahead log or a backup — cannot be matched to the published opinion.
    The date is in the clear: the time the row arrived already tells it. See holding.py.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="held_opinions"
    )
    received_on = models.DateField("收到日期")
    sealed = models.BinaryField("密封内容")

    class Meta:
        """Named 待公布的意见; no ordering: nothing reads them in the order they came."""

        verbose_name = "待公布的意见"
        verbose_name_plural = "待公布的意见"

    def __str__(self) -> str:
        return f"待公布的意见（{self.received_on}）"


class Talk(models.Model):
    """One 谈心谈话 between two people of the meeting; a pair counts once, in either direction."""

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="talks")
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="谈话人", on_delete=models.PROTECT, related_name="+"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="谈话对象", on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField("谈话日期")
    note = models.CharField("简要内容", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        """Named 谈心谈话; in date order; the database refuses a talk of a person with himself."""

        verbose_name = "谈心谈话"
        verbose_name_plural = "谈心谈话"
        ordering = ("meeting_id", "date", "id")
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(initiator=models.F("partner")), name="talk_between_two_people"
            ),
        )

    def __str__(self) -> str:
        return f"{self.initiator} — {self.partner}（{self.date}）"


class RateCount(models.Model):
    """One counter of the opinion rate limit (ratelimit.py): the tries under one key in one window.

    The key names a link by its id, or a sender by a bucket that changes every window: never an
    address, a token or anything else about a person. Deleted once its window no longer counts.
    """

    key = models.CharField(primary_key=True, max_length=64)
    period = models.BigIntegerField(db_index=True)
    count = models.PositiveIntegerField(default=0)
