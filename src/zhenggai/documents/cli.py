"""`zhenggai parse`, `check`, `similar`, `feedback`, `aspects`: the engine on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import ROLE_LABELS, Report
from zhenggai.documents.reading import read_document
from zhenggai.documents.report import parse_document

if TYPE_CHECKING:
    from zhenggai.documents.feedback import Feedback

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's English usage errors, in Chinese and exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：参数有误（{message}）\n")
        raise SystemExit(EXIT_UNREADABLE)


def build_parser() -> argparse.ArgumentParser:
    """The parser of `zhenggai parse|check|aspects`; its errors are in Chinese and exit with 2."""
    parser = _Parser(prog="zhenggai", description="对照检查材料的解析与审核。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("parse", help="解析材料，显示其结构（各部分、问题、措施）")
    p.add_argument("file", help="材料文件（.docx 或 .txt）")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.add_argument("--notice", help="会议通知（.docx/.txt）或方面清单（每行一个），用于对应查摆方面")
    c = sub.add_parser("check", help="审核材料，列出发现的问题")
    c.add_argument(
        "file", nargs="*", help="材料文件或文件夹（可多个；文件夹内的 .docx/.txt/.pdf 等逐一审核）"
    )
    c.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="同时审核的进程数（默认：全部 CPU 核心）"
    )
    c.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    c.add_argument("--notice", help="会议通知（.docx/.txt）或方面清单（每行一个）")
    c.add_argument(
        "--enable", action="append", default=[], metavar="规则", help="只运行这些规则（名称或代码，可重复）"
    )
    c.add_argument(
        "--disable", action="append", default=[], metavar="规则", help="不运行这些规则（名称或代码，可重复）"
    )
    c.add_argument("--list-rules", action="store_true", help="列出所有审核规则")
    c.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="文件或文件夹",
        help="与这些材料查重：同事的材料、本人往年的材料（可重复）",
    )
    _add_similar(sub)
    f = sub.add_parser("feedback", help="读出巡察/巡视/审计/督查反馈意见中的问题（按方面归类）")
    f.add_argument("file", help="反馈意见文件（.docx 或 .txt）")
    f.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    r = sub.add_parser("render", help="按公文格式（GB/T 9704）生成 Word 文件")
    kinds = r.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    rr = kinds.add_parser("report", help="个人对照检查材料：读入材料，按公文格式重新排版")
    rr.add_argument("file", help="材料文件（.docx 或 .txt）")
    rr.add_argument("-o", "--output", required=True, help="输出的 .docx 文件；“-”表示写到标准输出")
    rr.add_argument("--numbering", action="store_true", help="标题序号用 Word 自动编号（默认直接写成文字）")
    a = sub.add_parser("aspects", help="从会议通知中读出要求查摆的方面")
    a.add_argument("notice", help="会议通知（.docx 或 .txt）")
    a.add_argument("--json", action="store_true", help="以 JSON 列表输出")
    return parser


def _add_similar(sub: Any) -> None:
    """The `similar` command's arguments."""
    s = sub.add_parser(
        "similar",
        help="查重：列出材料与其他材料相同或相近的段落",
        epilog="zhenggai similar --rebuild：重建系统数据库中的查重索引（所有材料版本和参考范文），显示进度条",
    )
    s.add_argument("file", help="要查重的材料文件")
    s.add_argument(
        "--against", nargs="+", required=True, metavar="文件或文件夹", help="用来比对的材料文件或文件夹"
    )
    s.add_argument("--notice", help="会议通知（.docx/.txt）：通知中的方面和表述不算雷同")
    s.add_argument("--json", action="store_true", help="以 JSON 格式输出")


def main(argv: list[str]) -> int:
    """Run one document command; the exit status (0 fine, 1 errors found, 2 the file is unreadable)."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _parse(args)
        if args.command == "check":
            # Imported here so that `parse` and `aspects` never load the rules.
            from zhenggai.documents.checks.cli import run_check

            return run_check(args, _out)
        if args.command == "feedback":
            return _feedback(args)
        if args.command == "similar":
            from zhenggai.documents.similarity.cli import run_similar

            return run_similar(args, _out)
        if args.command == "render":
            return _render(args)
        return _aspects(args)
    except DocumentError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return EXIT_UNREADABLE


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _parse(args: argparse.Namespace) -> int:
    aspects = None
    if args.notice:
        from zhenggai.documents.api import read_notice_aspects

        aspects = read_notice_aspects(args.notice)
    report = parse_document(read_document(args.file), aspects)
    if args.json:
        import json

        _out(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        _out(render_tree(report))
    return EXIT_OK


def render_tree(report: Report) -> str:
    """The readable outline of a report."""
    kinds = {"report": "对照检查材料", "notice": "通知", "inspection": "巡察整改材料", "other": "其他"}
    lines = [
        f"{report.source}：{report.title or '（无标题）'}（{kinds[report.kind]}，{len(report.parts)} 个部分）"
    ]
    for part in report.parts:
        lines.append(f"第{part.line}段  {part.heading or '（全文）'}  【{ROLE_LABELS[part.role]}】")
        for item in part.items:
            aspect = f"  → 方面：{_short(item.aspect, 24)}" if item.aspect else ""
            lines.append(f"第{item.line}段    {_short(item.heading, 60)}{aspect}")
            for enum in item.enums:
                lines.append(f"第{enum.line}段      {enum.marker} {_short(enum.text, 50)}")
    if report.placeholders:
        shown = "、".join(f"“{p.text}”（第{p.line}段）" for p in report.placeholders[:10])
        more = f"等 {len(report.placeholders)} 处" if len(report.placeholders) > 10 else ""
        lines.append(f"未填写的占位符：{shown}{more}")
    return "\n".join(lines) + "\n"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _feedback(args: argparse.Namespace) -> int:
    from zhenggai.documents.feedback import read_feedback

    feedback = read_feedback(read_document(args.file))
    if args.json:
        import json

        _out(json.dumps(feedback.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        _out(render_feedback(feedback))
    return EXIT_FINDINGS if feedback.findings else EXIT_OK


def render_feedback(feedback: Feedback) -> str:
    """The categories and problems of feedback, the claimed count and the findings, for reading."""
    total = len(feedback.problems)
    named = len([c for c in feedback.categories if c.heading])
    lines = [
        f"{feedback.source}：读出{named}个方面{total}个问题"
        if named
        else f"{feedback.source}：读出{total}个问题"
    ]
    number = 0
    for category in feedback.categories:
        if category.heading:
            lines.append(f"第{category.line}段  {_short(category.heading, 60)}")
        for problem in category.problems:
            number += 1
            lines.append(f"第{problem.line}段    {number}. {_short(problem.text, 60)}")
    if feedback.claimed is not None:
        claim = feedback.claimed
        said = f"{claim.categories}个方面{claim.problems}个" if claim.categories else f"{claim.problems}个"
        state = "不符" if any(f.code == "ZG901" for f in feedback.findings) else "相符"
        lines.append(f"文中称共{said}问题（第{claim.line}段），与读出的{state}")
    for finding in feedback.findings:
        lines.append(f"{feedback.source}:{finding.line}: {finding.code} {finding.message}")
    return "\n".join(lines) + "\n"


def _render(args: argparse.Namespace) -> int:
    from zhenggai.documents.gongwen import DEFAULT_STYLE, missing_fonts, missing_fonts_warning, write_report

    data = write_report(parse_document(read_document(args.file)), DEFAULT_STYLE, numbering=args.numbering)
    write_output(args.output, data)
    warning = missing_fonts_warning(missing_fonts(DEFAULT_STYLE))
    if warning:
        sys.stderr.write(warning + "\n")
    return EXIT_OK


def write_output(output: str, data: bytes) -> None:
    """Write `data` to the file `output`, or to standard output for "-"; a failure in Chinese."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as target:
            target.write(data)
    except OSError as exc:
        raise DocumentError(f"无法写入文件“{output}”，请检查目录是否存在、是否有写入权限。") from exc


def _aspects(args: argparse.Namespace) -> int:
    import json

    from zhenggai.documents.api import read_notice_aspects

    aspects = read_notice_aspects(args.notice)
    if args.json:
        _out(json.dumps(aspects, ensure_ascii=False) + "\n")
    elif aspects:
        _out("".join(f"{i}. {a}\n" for i, a in enumerate(aspects, 1)))
    else:
        sys.stderr.write("未能从通知中读出查摆方面。\n")
        return EXIT_FINDINGS
    return EXIT_OK
