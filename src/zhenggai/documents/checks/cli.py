"""`zhenggai check`: read a report (and a notice), run the rules, print findings like a linter."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace

from zhenggai.documents import regex
from zhenggai.documents.api import notice_aspects
from zhenggai.documents.checks.base import CheckContext, Finding
from zhenggai.documents.checks.registry import RULES, UnknownRuleError, run_checks, unknown_rules
from zhenggai.documents.model import SourceDocument
from zhenggai.documents.quickargs import Arguments
from zhenggai.documents.reading import read_document
from zhenggai.documents.report import parse_document

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
#: A notice that asks for last year's rectification: there was a previous meeting.
_PREVIOUS_IN_NOTICE = regex.compile(
    r"(?:上年度|上一年度|上年|去年|上次|上一次|前次)[^。；]{0,16}(?:民主生活会|组织生活会|整改)"
)


def run_check(args: Arguments, out: Callable[[str], None]) -> int:
    """Run `zhenggai check` with parsed arguments; `out` writes UTF-8 text to stdout."""
    if args.list_rules:
        out(render_rules())
        return EXIT_OK
    if not args.file:
        sys.stderr.write("错误：请指定要审核的材料文件或文件夹（.docx、.txt 等）。\n")
        return EXIT_UNREADABLE
    unknown = unknown_rules([*args.enable, *args.disable])
    if unknown:
        sys.stderr.write(f"错误：{UnknownRuleError(unknown).message}\n")
        return EXIT_UNREADABLE
    context = CheckContext()
    if args.notice:
        context = context_of_notice(read_document(args.notice))
        if not context.aspects:
            sys.stderr.write("提示：未能从通知中读出查摆方面，本次不检查问题与方面的对应情况。\n")
    if args.against:
        context = replace(context, against=_against(args.against))
    if len(args.file) == 1 and not os.path.isdir(args.file[0]):
        return _check_file(args, context, out)
    return _check_batch(args, context, out)


def _check_file(args: Arguments, context: CheckContext, out: Callable[[str], None]) -> int:
    """One file: its findings, like a linter (a file that cannot be read raises DocumentError)."""
    report = parse_document(read_document(args.file[0]), context.aspects)
    findings = run_checks(report, context.for_file(args.file[0]), args.enable, args.disable)
    if args.json:
        out(json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False) + "\n")
    else:
        out(render_findings(args.file[0], findings))
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _check_batch(args: Arguments, context: CheckContext, out: Callable[[str], None]) -> int:
    """Many files and folders: in parallel, each file's findings in order, then the summary."""
    from zhenggai.documents.checks.batch import check_many, files_of, progress_bar, render_summary, summary

    paths = list(files_of(args.file))
    if not paths:
        sys.stderr.write("错误：所给的文件夹中没有可审核的材料（.docx、.txt、.pdf 等）。\n")
        return EXIT_UNREADABLE
    show = progress_bar if sys.stderr.isatty() and not args.json else None
    outcomes = []
    for outcome in check_many(paths, context, args.enable, args.disable, args.jobs, show):
        outcomes.append(outcome)
        if args.json:
            continue
        if outcome.error is not None:
            lines = f"{outcome.path}: 无法读取：{outcome.error}\n"
        else:
            lines = "".join(
                f"{outcome.path}:{f['line']}:{f['column']}: {f['code']} {f['message']}\n"
                for f in outcome.findings
            )
        if lines and show is not None:
            lines = "\r\033[K" + lines  # over the progress bar, which is drawn again below
        out(lines)
    counts = summary(outcomes)
    if args.json:
        files = [
            {"file": o.path, "findings": o.findings}
            if o.error is None
            else {"file": o.path, "error": o.error}
            for o in outcomes
        ]
        out(json.dumps({"files": files, "summary": counts}, ensure_ascii=False) + "\n")
    else:
        out(render_summary(counts))
    if counts["unreadable"]:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if counts["with_errors"] else EXIT_OK


def _against(paths: list[str]) -> tuple[SourceDocument, ...]:
    """The reports of `--against` (folders searched); each checked file is later left out of its own."""
    from zhenggai.documents.similarity.cli import read_against

    found, errors = read_against(paths, "")
    for error in errors:
        sys.stderr.write(f"提示：{error}，查重时不比对该文件。\n")
    return tuple(found)


def context_of_notice(notice: SourceDocument) -> CheckContext:
    """The aspects a notice (or plain list) requires, and whether it speaks of a previous meeting."""
    previous = any(_PREVIOUS_IN_NOTICE.search(p.text) for p in notice.paragraphs)
    return CheckContext(aspects=notice_aspects(notice) or None, previous_meeting=previous)


def render_findings(source: str, findings: list[Finding]) -> str:
    """One `file:line:column: CODE message` line per finding, then a summary in Chinese."""
    lines = [f"{source}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings]
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if findings:
        summary = f"共发现 {len(findings)} 个问题（错误 {errors} 个，警告 {warnings} 个）"
        infos = len(findings) - errors - warnings
        lines.append(summary[:-1] + f"，提示 {infos} 个）" if infos else summary)
    else:
        lines.append("未发现问题")
    return "\n".join(lines) + "\n"


def render_rules() -> str:
    """The rules: name, codes, whether enabled by default, what each checks."""
    lines = []
    for rule in RULES:
        state = "默认启用" if rule.enabled else "默认停用"
        lines.append(f"{rule.name}  {','.join(rule.codes)}  {state}  {rule.description}")
    return "\n".join(lines) + "\n"
