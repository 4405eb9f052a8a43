"""`zhenggai render rectification --source ID -o OUT.docx`: a source's 整改落实情况报告 from the ledger.

(`zhenggai render report` is the document engine's: it needs no database.)
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.core.dates import today
from zhenggai.documents.cli import write_output
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.gongwen import DEFAULT_STYLE, missing_fonts, missing_fonts_warning
from zhenggai.ledger.models import Source
from zhenggai.ledger.rectification import rectification_report


class Command(BaseCommand):
    """Write a source's 整改落实情况报告 (.docx by GB/T 9704) as of today, to a file or stdout (-o -).

    What the ledger lacks for it is printed as 提示 lines on stderr (the report leaves it out rather
    than writing a placeholder), then the warning for fonts this machine lacks. No access check:
    this is the operator's command. An unknown source raises CommandError.
    """

    help = "按公文格式生成 Word 文件：render rectification --source 编号 -o 文件.docx"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True, metavar="rectification")
        rect = sub.add_parser("rectification", help="问题来源的整改落实情况报告")
        rect.add_argument("--source", required=True, type=int, help="问题来源的编号")
        rect.add_argument("-o", "--output", required=True, help="输出的 .docx 文件；“-”表示标准输出")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Source.objects.select_related("organisation").filter(pk=options["source"]).first()
        if source is None:
            raise CommandError(f"找不到编号为 {options['source']} 的问题来源。")
        report = rectification_report(source, today())
        try:
            write_output(options["output"], report.data)
        except DocumentError as exc:
            raise CommandError(exc.message) from exc
        for finding in report.findings:
            sys.stderr.write(f"提示：{finding}。\n")
        warning = missing_fonts_warning(missing_fonts(DEFAULT_STYLE))
        if warning:
            sys.stderr.write(warning + "\n")
        if options["output"] != "-":
            self.stdout.write(f"已生成“{source.title}”的整改落实情况报告：{options['output']}")
