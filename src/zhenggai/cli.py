"""The `zhenggai` command line: document commands here, every other command is a Django command."""

from __future__ import annotations

import os
import sys

DOCUMENT_COMMANDS = {"parse", "check", "similar", "feedback", "aspects"}


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["check"] and any(a == "--person" or a.startswith("--person=") for a in args):
        return _django(["check_records", *args[1:]])  # against the records: needs the database
    if args[:1] == ["similar"] and "--rebuild" in args:
        return _django(["similar_rebuild", *(a for a in args[1:] if a != "--rebuild")])
    if (
        args
        and (args[0] in DOCUMENT_COMMANDS or args[:2] == ["render", "report"])
        and not _is_deploy_check(args)
    ):
        from zhenggai.documents.cli import main as documents_main

        return documents_main(args)
    return _django(args)


def _is_deploy_check(args: list[str]) -> bool:
    """`zhenggai check --deploy` is Django's deployment check; any other `check` reads documents."""
    return args[0] == "check" and "--deploy" in args


#: How much lower the background worker runs than the pages (`nice`, 0–19; ZHENGGAI_WORKER_NICE).
WORKER_NICE = 10


def _django(args: list[str]) -> int:
    """`zhenggai migrate`, `zhenggai run`, `zhenggai ledger …`: as `manage.py` would."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
    if args[:1] == ["db_worker"]:
        lower_priority()
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["zhenggai", *args])
    except SystemExit as exc:  # Django exits on errors; keep main() returning a status
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def lower_priority() -> None:
    """Run the background worker below the pages: indexing a report for 查重 takes ~70 ms of processor
    time, and on a small server that work should wait for the people clicking, not they for it."""
    try:
        nice = int(os.environ.get("ZHENGGAI_WORKER_NICE", WORKER_NICE))
    except ValueError:
        nice = WORKER_NICE
    if nice > 0 and hasattr(os, "nice"):
        os.nice(min(nice, 19))
