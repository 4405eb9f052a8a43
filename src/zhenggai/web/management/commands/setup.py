"""`zhenggai setup`: the first administrator and top organisation of an empty system, on the command line."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.core.errors import Refusal
from zhenggai.orgs import setup


class Command(BaseCommand):
    """Asks for what it is not given; the password from ZHENGGAI_ADMIN_PASSWORD or typed twice.

    Raises CommandError (exit status 1) when someone already exists or a value is refused.
    """

    help = "初始设置：创建第一位管理员和顶级组织（系统中还没有任何人员时）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="顶级组织名称")
        parser.add_argument("--name", help="管理员姓名")
        parser.add_argument("--username", help="管理员登录名")

    def handle(self, *args: Any, **options: Any) -> None:
        if not setup.needed():
            raise CommandError("系统已完成初始设置（已有人员），请用已有账号登录，在“组织与人员”中添加人员。")
        organisation = options["organisation"] or self.ask("顶级组织名称")
        name = options["name"] or self.ask("管理员姓名")
        username = options["username"] or self.ask("管理员登录名")
        password = os.environ.get("ZHENGGAI_ADMIN_PASSWORD") or self.ask_password()
        try:
            user = setup.set_up(
                username=username, display_name=name, password=password, organisation=organisation
            )
        except Refusal as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"初始设置已完成：管理员 {user.display_name}（登录名 {user.username}），顶级组织 {organisation}。"
        )

    def ask(self, label: str) -> str:
        """A value typed at the terminal; CommandError when there is no terminal to type it."""
        try:
            return input(f"{label}：")
        except EOFError:
            raise CommandError(f"缺少{label}：请用参数给出（见 zhenggai setup --help）") from None

    def ask_password(self) -> str:
        """The password typed twice without echo; CommandError when the two differ or nothing can be typed."""
        try:
            first = getpass.getpass("密码（至少 8 位）：")
            second = getpass.getpass("再次输入密码：")
        except EOFError:
            raise CommandError("缺少密码：请在终端中输入，或设置环境变量 ZHENGGAI_ADMIN_PASSWORD") from None
        if first != second:
            raise CommandError("两次输入的密码不一致")
        return first
