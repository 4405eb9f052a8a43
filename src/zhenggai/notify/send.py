"""Send today's digests once: e-mail to each person who wants it, a message to each group robot.

Each digest is claimed in SentDigest before it goes out and the claim is dropped if it fails, so a
second run the same day (or two servers' cron at once) sends nothing twice, and a failed one is
tried again by the next run.
"""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction

from zhenggai.notify import digest, mail, robots
from zhenggai.notify.models import Channel, GroupRobot, SentDigest


@dataclass
class Outcome:
    """What one run did: digests sent, already sent today, skipped (and why), failed (and why)."""

    emails: int = 0
    robots: int = 0
    already: int = 0
    no_address: list[str] = field(default_factory=list)
    turned_off: int = 0
    failures: list[str] = field(default_factory=list)

    def report(self) -> str:
        """What happened, in Chinese, for the command's output."""
        lines = [
            f"每日提醒：发送邮件{self.emails}封，群机器人消息{self.robots}条；今天已发送过的{self.already}份未重复发送。"
        ]
        if not settings.DIGEST_EMAIL:
            lines.append("未配置邮件服务器（EMAIL_HOST），没有发送邮件。")
        if self.turned_off:
            lines.append(f"{self.turned_off}人已在“我的设置”中关闭每日提醒邮件。")
        if self.no_address:
            lines.append(f"没有邮箱地址、未能发送：{'、'.join(self.no_address)}。")
        lines += [f"发送失败：{f}" for f in self.failures]
        return "\n".join(lines)


def _claim(day: datetime.date, channel: str, recipient: str, address: str, items: int) -> SentDigest | None:
    """The row that says this digest is sent today, or None when it already is."""
    try:
        with transaction.atomic():
            return SentDigest.objects.create(
                day=day, channel=channel, recipient=recipient, address=address[:500], items=items
            )
    except IntegrityError:
        return None


def send_emails(today: datetime.date, outcome: Outcome) -> None:
    """Each person's digest by e-mail, unless he turned it off, has no address or got it today."""
    digests = digest.personal(today)
    wanted = digest.wants_email(list(digests))
    for person, found in sorted(digests.items(), key=lambda pair: pair[0].pk):
        if person.pk not in wanted:
            outcome.turned_off += 1
            continue
        if not person.email:
            outcome.no_address.append(str(person))
            continue
        claim = _claim(today, Channel.EMAIL, f"user:{person.pk}", person.email, len(found.items))
        if claim is None:
            outcome.already += 1
            continue
        try:
            mail.message(person, found, today).send()
        except (OSError, smtplib.SMTPException) as exc:
            claim.delete()
            outcome.failures.append(f"{person}（{person.email}）：{exc}")
            continue
        outcome.emails += 1


def send_robots(today: datetime.date, outcome: Outcome) -> None:
    """Each group robot's digest, when its organisation has measures overdue or due soon."""
    for robot in GroupRobot.objects.select_related("organisation"):
        found = digest.for_robot(robot, today)
        if not found.items:
            continue
        claim = _claim(today, Channel.ROBOT, f"robot:{robot.pk}", str(robot), len(found.items))
        if claim is None:
            outcome.already += 1
            continue
        try:
            robots.post(robot, robots.payload(robot, found, today))
        except robots.Undelivered as exc:
            claim.delete()
            outcome.failures.append(exc.message)
            continue
        outcome.robots += 1


def send_all(today: datetime.date) -> Outcome:
    """Today's digests: e-mail (when a mail server is configured) and group robots."""
    outcome = Outcome()
    if settings.DIGEST_EMAIL:
        send_emails(today, outcome)
    send_robots(today, outcome)
    return outcome
