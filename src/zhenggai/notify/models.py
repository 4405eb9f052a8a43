"""What the daily digest needs to remember: each person's choice, the group robots, and what was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhenggai.orgs.models import Organisation


class Preference(models.Model):
    """A person's own settings (我的设置); a person without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="人员", on_delete=models.CASCADE, related_name="preference"
    )
    digest_email = models.BooleanField("接收每日提醒邮件", default=True)

    class Meta:
        """Named 个人设置."""

        verbose_name = "个人设置"
        verbose_name_plural = "个人设置"


class RobotKind(models.TextChoices):
    """The group chats whose robots the digest can post to."""

    WECOM = "wecom", "企业微信"
    DINGTALK = "dingtalk", "钉钉"


class GroupRobot(models.Model):
    """A group chat's robot (群机器人) that gets the daily digest of its organisation and those below it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="组织", on_delete=models.CASCADE, related_name="robots"
    )
    kind = models.CharField("类型", max_length=20, choices=RobotKind.choices)
    url = models.URLField("Webhook 地址", max_length=500)
    #: DingTalk's 加签 secret (SEC…); empty when the robot checks keywords or addresses instead.
    secret = models.CharField("加签密钥", max_length=200, blank=True)
    name = models.CharField("名称", max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        """Named 群机器人; in the order they were added."""

        verbose_name = "群机器人"
        verbose_name_plural = "群机器人"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name or f"{self.organisation}（{self.get_kind_display()}）"


class Channel(models.TextChoices):
    """How a digest went out."""

    EMAIL = "email", "邮件"
    ROBOT = "robot", "群机器人"


class SentDigest(models.Model):
    """One digest sent on one day to one recipient: `zhenggai remind` never sends it twice that day.

    The row is written (claimed) before sending and removed if sending fails, so two runs at once
    cannot both send, and a failed one is tried again by the next run.
    """

    day = models.DateField("日期")
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    #: "user:<id>" for a person's e-mail, "robot:<id>" for a group robot.
    recipient = models.CharField("接收方", max_length=100)
    address = models.CharField("地址", max_length=500, blank=True)
    items = models.PositiveIntegerField("措施条数", default=0)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        """Named 已发送的每日提醒; one per day, channel and recipient."""

        verbose_name = "已发送的每日提醒"
        verbose_name_plural = "已发送的每日提醒"
        ordering = ("-day", "id")
        constraints = (
            models.UniqueConstraint(fields=["day", "channel", "recipient"], name="one_digest_a_day"),
        )
