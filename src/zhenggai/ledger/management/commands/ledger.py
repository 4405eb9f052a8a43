"""`zhenggai ledger import FILE.xlsx [--dry-run]` and `zhenggai ledger export [--format xlsx|csv] -o FILE`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.core.errors import Refusal
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import FIELD_LABELS
from zhenggai.ledger.cli_filters import add_filter_arguments, filtered_measures
from zhenggai.ledger.exports import export_chunks
from zhenggai.ledger.imports import MAX_IMPORT_BYTES, ImportReport, import_ledger
from zhenggai.ledger.models import Campaign, Source
from zhenggai.orgs.access import paths_with
from zhenggai.orgs.models import MANAGING_ROLES, Organisation, User


class Command(BaseCommand):
    """`zhenggai ledger import|export`: the ledger in and out of Excel from the command line.

    import reads a file of at most 50 MB, checks every row, stores all rows or none and prints the
    row-by-row report; --dry-run stores nothing. Exit status 0 when stored (or storable), 1 when the
    file has errors or the services refuse, 2 when the file cannot be read. A --user, --organisation
    or --source that names nobody (or, for the last two, more than one) raises CommandError.

    export writes every measure that passes the ledger page's filters (no access check: this is the
    operator's command) to a file, written beside it first and then renamed, or to stdout with -o -.
    """

    help = (
        "整改台账的导入与导出：ledger import 文件.xlsx [--dry-run]；ledger export [--format xlsx|csv] -o 文件"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        imp = sub.add_parser("import", help="导入 Excel 整改台账（全部成功才写入）")
        imp.add_argument("file", help="整改台账文件（.xlsx、.xls 或 .ods）")
        imp.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入台账")
        imp.add_argument(
            "--source", help="问题来源（编号或名称）；不指定时按表格“问题来源”列，没有的自动新建"
        )
        imp.add_argument("--campaign", help="专项整改（编号或名称）：表格“推进组”列在其中按名称匹配")
        imp.add_argument("--organisation", help="导入到哪个组织（编号或名称）；操作人只管理一个组织时可省略")
        imp.add_argument("--user", help="操作人登录名（记入审计记录）；只有一个系统管理员时可省略")
        imp.add_argument(
            "--create-owner",
            action="append",
            default=[],
            metavar="姓名",
            help="表格中的这位责任人在本组织还没有，确认新建为班子成员（可重复；新建记入审计记录）",
        )
        exp = sub.add_parser("export", help="导出整改台账（.xlsx 或 CSV）")
        exp.add_argument("-o", "--output", required=True, help="输出文件；“-”表示标准输出")
        exp.add_argument(
            "--format", choices=("xlsx", "csv"), help="文件格式，默认按输出文件的扩展名，否则 xlsx"
        )
        exp.add_argument("--title", help="表格标题，默认“整改台账”")
        add_filter_arguments(exp)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            code = self._import(options)
        else:
            code = self._export(options)
        if code:
            sys.exit(code)

    # --- import ------------------------------------------------------------------------------

    def _import(self, options: dict[str, Any]) -> int:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise DocumentError(f"文件“{path}”过大，上限为 {MAX_IMPORT_BYTES // 1048576} MB。")
            data = path.read_bytes()
        except FileNotFoundError:
            self.stderr.write(f"错误：找不到文件“{path}”。")
            return 2
        except (OSError, DocumentError) as exc:
            self.stderr.write(f"错误：无法读取“{path}”：{getattr(exc, 'message', None) or exc}")
            return 2
        actor = _actor(options["user"])
        organisation = _organisation(options["organisation"], actor)
        source = _source(options["source"], organisation) if options["source"] else None
        campaign = _campaign(options["campaign"], organisation) if options["campaign"] else None
        try:
            report = import_ledger(
                actor,
                data,
                path.name,
                organisation=organisation,
                source=source,
                dry_run=options["dry_run"],
                create_owners=options["create_owner"],
                campaign=campaign,
            )
        except DocumentError as exc:
            self.stderr.write(f"错误：{exc.message}")
            return 2
        except Refusal as exc:
            self.stderr.write(f"错误：{exc.message}")
            return 1
        self.stdout.write(render_report(report))
        return 0 if report.ok else 1

    # --- export ------------------------------------------------------------------------------

    def _export(self, options: dict[str, Any]) -> int:
        output = options["output"]
        fmt = options["format"] or ("csv" if str(output).lower().endswith(".csv") else "xlsx")
        measures = filtered_measures(options)
        chunks = export_chunks(measures, fmt, options["title"])
        if output == "-":
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            return 0
        target = Path(output)
        # Write beside the target, then rename: a failed export never leaves half a file.
        handle, temp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.stdout.write(f"已导出 {measures.count()} 条整改措施到“{target}”。")
        return 0


def render_report(report: ImportReport) -> str:
    """The row-by-row report, in Chinese, as the command line prints it."""
    sheet = report.sheet
    lines = [
        f"文件：{sheet.name}"
        + (f"（工作表“{sheet.sheet}”，表头在第{sheet.header_row}行）" if sheet.sheet else "")
    ]
    if sheet.columns:
        lines.append("列的对应：")
        for column in sheet.columns:
            target = FIELD_LABELS.get(column.field or "", "不导入")
            note = f"（{column.note}）" if column.note and column.field else ""
            lines.append(f"  {column.header} → {target}{note}")
    lines.append(f"读取整改措施 {len(sheet.rows)} 条，问题 {sheet.problem_count} 个。")
    if sheet.errors:
        lines.append(f"错误（{len(sheet.errors)} 处）：")
        lines.extend(f"  {issue}" for issue in sheet.errors)
    if sheet.warnings:
        lines.append(f"提示（{len(sheet.warnings)} 处，不影响导入）：")
        lines.extend(f"  {issue}" for issue in sheet.warnings)
    lines.extend(preview_lines(report))
    lines.append(report.summary())
    return "\n".join(lines)


def preview_lines(report: ImportReport) -> list[str]:
    """What the import changes in the ledger: changed rows field by field, the ledger's rows left out."""
    lines = []
    if report.changed:
        lines.append(f"修改（{len(report.changed)} 条）：")
        for change in report.changed:
            said = "；".join(f"{label}：{before} → {after}" for label, before, after in change.changes)
            lines.append(f"  第{change.row}行（{change.key or '问题'}）{said}")
    if report.missing_count:
        lines.append(f"台账中有、文件中没有的整改措施 {report.missing_count} 条（不会删除）：")
        lines.extend(f"  {text}" for text in report.missing)
    if report.unknown_owners:
        names = " ".join(f"--create-owner {name}" for name in report.unknown_owners)
        lines.append(f"如确需新建这些责任人（本组织的班子成员），请加上 {names} 重新导入。")
    return lines


def _actor(username: str | None) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"找不到操作人“{username}”，请检查 --user。")
        return user
    admins = list(User.objects.filter(is_superuser=True, is_active=True)[:2])
    if len(admins) != 1:
        raise CommandError("请用 --user 指定操作人（系统管理员，或该组织的书记/办公室人员）。")
    return admins[0]


def _organisation(text: str | None, actor: User) -> Organisation:
    if text:
        found = (
            Organisation.objects.filter(pk=int(text))
            if text.isdigit()
            else Organisation.objects.filter(name=text)
        )
        orgs = list(found[:2])
    elif actor.is_superuser:
        orgs = list(Organisation.objects.filter(parent__isnull=True)[:2])
    else:  # the organisation the operator manages, when there is just one
        orgs = list(Organisation.objects.filter(path__in=paths_with(actor, MANAGING_ROLES))[:2])
    if len(orgs) != 1:
        what = f"“{text}”" if text else "操作人管理的组织"
        raise CommandError(
            f"{what}{'不唯一' if orgs else '不存在'}，请用 --organisation 指定组织的编号或名称。"
        )
    return orgs[0]


M = TypeVar("M", Campaign, Source)


def _named(model: type[M], field: str, label: str, text: str, organisation: Organisation) -> M:
    """The row of `model` that `text` names (its number, or `field`) within the organisation's tree;
    CommandError when none or several do.
    """
    found = model.objects.filter(pk=int(text)) if text.isdigit() else model.objects.filter(**{field: text})
    rows = list(found.filter(organisation__path__startswith=organisation.path)[:2])
    if len(rows) != 1:
        raise CommandError(f"{label}“{text}”{'不唯一' if rows else '不存在'}，请用编号指定。")
    return rows[0]


def _campaign(text: str, organisation: Organisation) -> Campaign:
    return _named(Campaign, "name", "专项整改", text, organisation)


def _source(text: str, organisation: Organisation) -> Source:
    return _named(Source, "title", "问题来源", text, organisation)
