"""`zhenggai publish_opinions`: for cron after midnight — publish every held opinion that is due."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhenggai.core.dates import day_option
from zhenggai.meetings import holding


class Command(BaseCommand):
    """`zhenggai publish_opinions`, for cron: publish, in every meeting, the held opinions due today (or
    --today): those of earlier days, full batches, and all of a meeting whose collection has ended.

    Warns (on stderr) about held opinions of earlier days that this system's keys cannot open.
    """

    help = "公布所有到期的待公布意见（前一天及更早收到的、已凑满一批的、征求意见已结束的），供 cron 每天零点后运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按这一天计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        day = day_option(options["today"])
        published, meetings = holding.publish_everywhere(day)
        self.stdout.write(
            f"已公布 {meetings} 次会议的 {published} 条意见。" if published else "没有到期的待公布意见。"
        )
        for meeting, count in holding.stuck(day).items():
            self.stderr.write(
                f"“{meeting}”有 {count} 条待公布意见无法解封：系统密钥（SECRET_KEY）可能已更换，"
                "请恢复原来的密钥，或把它加入 SECRET_KEY_FALLBACKS 后再运行。"
            )
