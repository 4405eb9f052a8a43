"""`zhenggai restore FILE [--force]`: an archive made by `zhenggai backup` back into an empty system."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zhenggai.web.backup import BackupError, Progress, restore
from zhenggai.web.backup.database import missing_migrations


class Command(BaseCommand):
    """`zhenggai restore`: a thin layer over zhenggai.web.backup that turns its errors into exit statuses."""

    help = (
        "从 zhenggai backup 生成的备份文件恢复整个系统（数据库和全部佐证材料文件）。"
        "只恢复到空系统；备份文件损坏、被改动或不是本系统的备份时拒绝恢复，不做任何改动。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """The command's options, described in Chinese."""
        parser.add_argument("file", help="zhenggai backup 生成的备份文件")
        parser.add_argument(
            "--force",
            action="store_true",
            help="系统中已有数据时仍然恢复：用备份替换现有的全部数据和文件（不可撤销）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the restore; on failure write “错误：…” to stderr and exit with the error's status."""
        path = Path(options["file"])
        try:
            archive = restore(path, Progress(self.stdout), force=options["force"])
        except BackupError as exc:
            self.stderr.write(f"错误：{exc.message}")
            sys.exit(exc.exit_status)
        if missing_migrations(archive.migrations):
            self.stdout.write("备份来自较早的版本，正在更新数据库结构……")
            call_command("migrate", interactive=False, verbosity=0)
        made = datetime.datetime.fromisoformat(str(archive.manifest["created_at"]))
        shown = timezone.localtime(made).strftime("%Y-%m-%d %H:%M:%S")
        self.stdout.write(
            f"恢复完成：备份生成于 {shown}，整改系统版本 {archive.manifest.get('app_version')}。"
        )
