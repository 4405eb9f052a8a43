"""A job: one piece of background work someone started, its state and what it ended with.

Its progress while it runs is not here but in the progress cache (progress.py): the work often runs
inside one database transaction, whose writes nobody else sees before it commits.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobState(models.TextChoices):
    """Where a job is: waiting for the worker, running, finished, or ended with a refusal or an error."""

    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "未完成"


class Job(models.Model):
    """One background job of one person: the page he waits on shows it, nobody else sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.CASCADE)
    title = models.CharField("任务", max_length=200)
    state = models.CharField("状态", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    #: What it ended with, in Chinese: the summary, or why it was refused or failed.
    message = models.TextField("结果", blank=True)
    #: Lines to show under the message (e.g. the rows an import refused).
    details = models.JSONField("详情", default=list, blank=True)
    #: Where to go next (the page of what was made), and what the link says.
    url = models.CharField("结果页面", max_length=500, blank=True)
    url_label = models.CharField("结果链接", max_length=100, blank=True)
    #: The page to go back to (where the job was started).
    back = models.CharField("返回页面", max_length=500, blank=True)
    #: Once done, open the result page at once (a check whose result is the next step, not a summary).
    follow = models.BooleanField("完成后直接打开结果页面", default=False)
    created_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        """Named 后台任务; newest first."""

        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    def get_absolute_url(self) -> str:
        """The job's page, with its progress bar."""
        return reverse("jobs:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        """True once it is done or failed."""
        return self.state in (JobState.DONE, JobState.FAILED)
