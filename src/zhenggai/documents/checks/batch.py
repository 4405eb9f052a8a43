"""`zhenggai check` of many files and folders: every core, a progress bar on a terminal, a summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from zhenggai.documents.checks.base import CheckContext
from zhenggai.documents.errors import DocumentError

#: What a folder is searched for.
READABLE = (".docx", ".txt", ".pdf", ".doc", ".wps", ".odt", ".rtf")
_BAR = 30


@dataclass(slots=True)
class Outcome:
    """One file checked: its findings as JSON, or why it could not be read."""

    path: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def files_of(paths: list[str]) -> Iterator[str]:
    """The files named, and in each folder named every readable file below it, in name order."""
    for path in paths:
        if os.path.isdir(path):
            for folder, folders, names in os.walk(path):
                folders.sort()
                for name in sorted(names):
                    if name.lower().endswith(READABLE) and not name.startswith((".", "~$")):
                        yield os.path.join(folder, name)
        else:
            yield path


def check_one(path: str, context: CheckContext, enable: list[str], disable: list[str]) -> Outcome:
    """Read, parse and check one file (in a worker process)."""
    from zhenggai.documents.checks.registry import run_checks
    from zhenggai.documents.reading import read_document
    from zhenggai.documents.report import parse_document

    try:
        report = parse_document(read_document(path), context.aspects)
    except DocumentError as exc:
        return Outcome(path, error=exc.message)
    findings = run_checks(report, context.for_file(path), enable, disable)
    return Outcome(path, [f.to_json() for f in findings])


def check_many(
    paths: list[str],
    context: CheckContext,
    enable: list[str],
    disable: list[str],
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Outcome]:
    """Each file's outcome, in the order given, checked by `jobs` processes (0: every core)."""
    workers = jobs or os.cpu_count() or 1
    total = len(paths)
    if workers == 1 or total < 4:
        for done, path in enumerate(paths, 1):
            yield check_one(path, context, enable, disable)
            if progress:
                progress(done, total)
        return
    chunk = max(1, min(64, total // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(
            check_one, paths, [context] * total, [enable] * total, [disable] * total, chunksize=chunk
        )
        for done, outcome in enumerate(results, 1):
            yield outcome
            if progress:
                progress(done, total)


def progress_bar(done: int, total: int, label: str = "审核进度") -> None:
    """A bar on stderr, rewritten in place: 审核进度 [#####.....] 37/1000."""
    filled = _BAR * done // max(total, 1)
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (_BAR - filled)}] {done}/{total}{end}")
    sys.stderr.flush()


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    """Counts over all files: files, with errors, unreadable; findings by severity."""
    counts = dict.fromkeys(("files", "with_errors", "unreadable", "findings", "error", "warning", "info"), 0)
    for o in outcomes:
        counts["files"] += 1
        if o.error is not None:
            counts["unreadable"] += 1
            continue
        counts["findings"] += len(o.findings)
        for f in o.findings:
            counts[f["severity"]] = counts.get(f["severity"], 0) + 1
        counts["with_errors"] += any(f["severity"] == "error" for f in o.findings)
    return counts


def render_summary(counts: dict[str, int]) -> str:
    """The closing line in Chinese: files checked, with errors, unreadable, findings by severity."""
    clean = counts["files"] - counts["with_errors"] - counts["unreadable"]
    return (
        f"共审核 {counts['files']} 份材料：{counts['with_errors']} 份有错误，{clean} 份无错误，"
        f"{counts['unreadable']} 份无法读取；共发现 {counts['findings']} 个问题"
        f"（错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个）\n"
    )
