"""`zhenggai backup -o FILE`: the whole system — database and every stored file — in one archive."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhenggai.web.backup import BackupError, Progress, backup
from zhenggai.web.backup.progress import human_size


class Command(BaseCommand):
    """`zhenggai backup`: a thin layer over zhenggai.web.backup that turns its errors into exit statuses."""

    help = "备份整个系统（数据库和全部佐证材料文件）到一个文件；系统运行时也可备份。"

    def add_arguments(self, parser: CommandParser) -> None:
        """The command's options, described in Chinese."""
        parser.add_argument("-o", "--output", required=True, help="备份文件，如 zhenggai-2024-05-01.zip")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the backup; on failure write “错误：…” to stderr and exit with the error's status."""
        path = Path(options["output"])
        if path.is_dir():
            self.stderr.write(
                f"错误：“{path}”是文件夹，请指定备份文件名，如 {path / 'zhenggai-backup.zip'}。"
            )
            sys.exit(2)
        if not path.parent.is_dir():
            self.stderr.write(f"错误：文件夹“{path.parent}”不存在。")
            sys.exit(2)
        try:
            body = backup(path, Progress(self.stdout))
        except BackupError as exc:
            self.stderr.write(f"错误：{exc.message}")
            sys.exit(exc.exit_status)
        except OSError as exc:
            self.stderr.write(f"错误：无法写入备份文件“{path}”：{exc.strerror or exc}")
            sys.exit(2)
        size = path.stat().st_size
        count = len(body["members"]) - 1
        self.stdout.write(f"备份完成：{path}（{human_size(size)}，数据库及 {count} 个文件）")
