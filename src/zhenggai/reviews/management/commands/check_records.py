"""`zhenggai check FILE --person LOGIN [--meeting ID] [--json]`: a report checked like `zhenggai check`,
and against that person's records in this system's database (reviews/records.py: ZG951–ZG955).

The meeting is the one given, else the latest meeting the person is a member of; its aspects are the
notice's. Exit status as `zhenggai check`: 0 no error, 1 errors found, 2 the file could not be read
(or no such person or meeting).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhenggai.documents import parse_document, read_document
from zhenggai.documents.checks import CheckContext, run_checks
from zhenggai.documents.checks.cli import render_findings
from zhenggai.documents.errors import DocumentError
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.analysis import meeting_aspects
from zhenggai.reviews.records import record_findings


class Command(BaseCommand):
    """Check a report file against the records of one person (see the module)."""

    help = "审核对照检查材料，并与系统中本人的记录（上年度台账、整改措施、巡察反馈）核对"

    def add_arguments(self, parser: CommandParser) -> None:
        """FILE, --person LOGIN, --meeting ID, --json."""
        parser.add_argument("file", help="对照检查材料（.docx、.txt 等）")
        parser.add_argument("--person", required=True, help="材料作者的登录名")
        parser.add_argument("--meeting", type=int, help="会议编号；不指定时取本人参加的最近一次会议")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the findings; exit 2 for an unreadable file or an unknown person or meeting."""
        person = User.objects.filter(username=options["person"]).first()
        meetings = Meeting.objects.filter(members=person) if person else Meeting.objects.none()
        if options["meeting"]:
            meetings = meetings.filter(pk=options["meeting"])
        meeting = meetings.order_by("-year", "-id").first()
        if person is None or meeting is None:
            who = "该人员" if person is None else "该人员参加的会议"
            self.stderr.write(f"错误：系统中没有{who}（{options['person']}）")
            sys.exit(2)
        try:
            aspects = meeting_aspects(meeting)
            parsed = parse_document(read_document(options["file"]), aspects or None)
        except DocumentError as exc:
            self.stderr.write(f"错误：{exc.message}")
            sys.exit(2)
        context = CheckContext(
            aspects=aspects or None, previous_meeting=meeting.previous_meeting_id is not None
        )
        findings = run_checks(parsed, context) + record_findings(meeting, person, parsed)
        findings.sort(key=lambda f: (f.line, f.column))
        if options["json"]:
            self.stdout.write(json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False))
        else:
            self.stdout.write(render_findings(options["file"], findings), ending="")
        sys.exit(1 if any(f.severity == "error" for f in findings) else 0)
