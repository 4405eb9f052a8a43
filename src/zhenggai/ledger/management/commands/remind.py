"""`zhenggai remind`: for cron — list overdue and due-soon measures, and write them to the 待办 page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.core.dates import day_option
from zhenggai.ledger import reminders


class Command(BaseCommand):
    """`zhenggai remind`, for cron: rewrite the 待办 list for today (or --today) and print it.

    Measures due within --days days (DUE_SOON_DAYS by default) are due soon. A date that cannot be
    read or a negative --days raises CommandError before anything is written.
    """

    help = "列出逾期和即将到期的整改措施（按责任人、责任单位），并写入待办页面和看板。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.DUE_SOON_DAYS, help="多少天内到期算即将到期")
        parser.add_argument("--today", help="按这一天计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        today = day_option(options["today"])
        if options["days"] < 0:
            raise CommandError("--days 不能为负数")
        items = reminders.refresh(today=today, days=options["days"])
        self.stdout.write(reminders.report(items))
