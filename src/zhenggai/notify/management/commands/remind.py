"""`zhenggai remind`: for cron, once a day — print the 待办 and send the daily digests once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhenggai.core.dates import day_option, today
from zhenggai.ledger import reminders
from zhenggai.notify.send import send_all


class Command(BaseCommand):
    """`zhenggai remind`, for cron: print every measure overdue or due soon on today (or --today) per
    owner and per unit, then send that day's digests by e-mail and to the group robots, each at most
    once a day (--no-send only prints). A date that cannot be read raises CommandError.
    """

    help = (
        "列出逾期和即将到期的整改措施（按责任人、责任单位），并发送每日提醒（邮件、群机器人，每天每人一次）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按这一天计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--no-send", action="store_true", help="只列出，不发送邮件和群机器人消息")

    def handle(self, *args: Any, **options: Any) -> None:
        on = day_option(options["today"]) or today()
        self.stdout.write(reminders.report(reminders.all_items(on)))
        if not options["no_send"]:
            self.stdout.write("")
            self.stdout.write(send_all(on).report())
