"""`zhenggai parse`, `check`, `similar`, `feedback`, `aspects`: the engine on the command line."""

from __future__ import annotations

import sys

from zhenggai.documents import jsontext, quickargs
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import ROLE_LABELS, Report
from zhenggai.documents.reading import read_document
from zhenggai.documents.report import parse_document

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from zhenggai.documents.feedback import Feedback
    from zhenggai.documents.quickargs import Arguments

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def main(argv: list[str]) -> int:
    """Run one document command; the exit status (0 fine, 1 errors found, 2 the file is unreadable)."""
    args = quickargs.parse(argv)
    if args is None:  # help, an error, or an unusual spelling: argparse reads it
        from zhenggai.documents.cli_parser import build_parser

        args = quickargs.Arguments(**vars(build_parser().parse_args(argv)))
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


def _parse(args: Arguments) -> int:
    aspects = None
    if args.notice:
        from zhenggai.documents.api import read_notice_aspects

        aspects = read_notice_aspects(args.notice)
    report = parse_document(read_document(args.file), aspects)
    if args.json:
        _out(jsontext.dumps(report.to_json(), indent=1) + "\n")
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


def _feedback(args: Arguments) -> int:
    from zhenggai.documents.feedback import read_feedback

    feedback = read_feedback(read_document(args.file))
    if args.json:
        _out(jsontext.dumps(feedback.to_json(), indent=1) + "\n")
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


def _render(args: Arguments) -> int:
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


def _aspects(args: Arguments) -> int:
    from zhenggai.documents.api import read_notice_aspects

    aspects = read_notice_aspects(args.notice)
    if args.json:
        _out(jsontext.dumps(aspects) + "\n")
    elif aspects:
        _out("".join(f"{i}. {a}\n" for i, a in enumerate(aspects, 1)))
    else:
        sys.stderr.write("未能从通知中读出查摆方面。\n")
        return EXIT_FINDINGS
    return EXIT_OK
