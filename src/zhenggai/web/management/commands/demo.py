"""`zhenggai demo`: load the demo data (once; running again changes nothing)."""

from typing import Any

from django.core.management.base import BaseCommand

from zhenggai.web import demo
from zhenggai.web.management.commands.run import logins


class Command(BaseCommand):
    """`zhenggai demo`: load the demo unless it is there already, then print the demo logins."""

    help = "载入演示数据（组织、班子成员、2021年度民主生活会和一次巡察的整改台账）；重复运行不会重复载入。"

    def handle(self, *args: Any, **options: Any) -> None:
        if demo.load():
            self.stdout.write("演示数据已载入。")
        else:
            self.stdout.write("演示数据已存在，未重复载入。")
        self.stdout.write(logins())
