"""`zhenggai render rectification|plan|ledger|previous|meeting|minutes … -o OUT.docx`: documents from the data.

(`zhenggai render report` is the document engine's: it needs no database.) Here in reviews, the
highest app the documents draw on (the meeting report counts its criticisms and reports).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.documents.cli import write_output
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.gongwen import DEFAULT_STYLE, missing_fonts, missing_fonts_warning
from zhenggai.ledger.cli_filters import add_filter_arguments, filtered_measures
from zhenggai.ledger.documents_out import ledger_document, minutes_document, plan_document
from zhenggai.ledger.models import ProgressMeeting, Source
from zhenggai.ledger.rectification import rectification_report
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.documents_out import meeting_report, previous_draft

OUTPUT_HELP = "输出的 .docx 文件；“-”表示标准输出"


class Command(BaseCommand):
    """Write a document (.docx by GB/T 9704) from the database, to a file or stdout (-o -).

    rectification / plan --source ID: a source's 整改落实情况报告 / 整改方案; ledger [filters]: the
    ledger table (the export's filters); previous --meeting ID [--person LOGIN]: the 上年度整改落实情况
    drafted from that meeting's ledger; meeting --meeting ID: its 召开情况报告; minutes --progress-meeting
    ID: a campaign's 推进会会议纪要. What the data lacks
    is printed as 提示 lines on stderr (the document leaves it out rather than writing a
    placeholder), then the warning for fonts this machine lacks. No access check: this is the
    operator's command. An unknown source, meeting or person raises CommandError (exit 1).
    """

    help = (
        "按公文格式生成 Word 文件：render rectification|plan|ledger|previous|meeting|minutes … -o 文件.docx"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="kind", required=True, metavar="rectification|plan|ledger|previous|meeting|minutes"
        )
        for name, text in (
            ("rectification", "问题来源的整改落实情况报告"),
            ("plan", "问题来源的整改方案（附整改任务清单）"),
        ):
            kind = sub.add_parser(name, help=text)
            kind.add_argument("--source", required=True, type=int, help="问题来源的编号")
            kind.add_argument("-o", "--output", required=True, help=OUTPUT_HELP)
        ledger = sub.add_parser("ledger", help="整改台账（横向表格），筛选条件与台账页面相同")
        add_filter_arguments(ledger)
        ledger.add_argument("--title", help="表格标题，默认“整改台账”")
        ledger.add_argument("-o", "--output", required=True, help=OUTPUT_HELP)
        previous = sub.add_parser("previous", help="根据会议的整改台账起草上年度整改落实情况")
        previous.add_argument("--meeting", required=True, type=int, help="会议编号（其台账即“上年度”）")
        previous.add_argument("--person", help="班子成员的登录名；不指定时为领导班子")
        previous.add_argument("-o", "--output", required=True, help=OUTPUT_HELP)
        meeting = sub.add_parser("meeting", help="民主生活会（组织生活会）召开情况报告")
        meeting.add_argument("--meeting", required=True, type=int, help="会议编号")
        meeting.add_argument("-o", "--output", required=True, help=OUTPUT_HELP)
        minutes = sub.add_parser("minutes", help="专项整改推进会会议纪要")
        minutes.add_argument("--progress-meeting", required=True, type=int, help="推进会编号")
        minutes.add_argument("-o", "--output", required=True, help=OUTPUT_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        findings: list[str] = []
        if kind in ("rectification", "plan"):
            source = _source(options["source"])
            make = rectification_report if kind == "rectification" else plan_document
            written = make(source, today())
            data, findings, what = written.data, written.findings, f"“{source.title}”的{_NAMES[kind]}"
        elif kind == "ledger":
            try:
                data = ledger_document(filtered_measures(options), today(), options["title"])
            except Refusal as exc:
                raise CommandError(exc.message) from exc
            what = "整改台账"
        elif kind == "minutes":
            written = minutes_document(_progress_meeting(options["progress_meeting"]))
            data, findings, what = written.data, written.findings, "推进会会议纪要"
        else:
            meeting = _meeting(options["meeting"])
            if kind == "meeting":
                report = meeting_report(meeting, today())
                data, findings, what = report.data, report.findings, f"“{meeting.source.title}”的召开情况报告"
            else:
                person = _person(meeting, options["person"])
                draft = previous_draft(meeting, today(), person)
                who = f"{person}的" if person else "领导班子的"
                data, findings, what = draft.data, draft.findings, f"{who}上年度整改落实情况"
        self._write(options["output"], data, findings, what)

    def _write(self, output: str, data: bytes, findings: list[str], what: str) -> None:
        try:
            write_output(output, data)
        except DocumentError as exc:
            raise CommandError(exc.message) from exc
        for finding in findings:
            sys.stderr.write(f"提示：{finding}。\n")
        warning = missing_fonts_warning(missing_fonts(DEFAULT_STYLE))
        if warning:
            sys.stderr.write(warning + "\n")
        if output != "-":
            self.stdout.write(f"已生成{what}：{output}")


_NAMES = {"rectification": "整改落实情况报告", "plan": "整改方案"}


def _source(pk: int) -> Source:
    source = Source.objects.select_related("organisation").filter(pk=pk).first()
    if source is None:
        raise CommandError(f"找不到编号为 {pk} 的问题来源。")
    return source


def _meeting(pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("organisation", "source").filter(pk=pk).first()
    if meeting is None:
        raise CommandError(f"找不到编号为 {pk} 的会议。")
    return meeting


def _person(meeting: Meeting, login: str | None) -> User | None:
    if not login:
        return None
    person = meeting.members.filter(username=login).first()
    if person is None:
        raise CommandError(f"会议“{meeting.source.title}”的参会人员中没有登录名为 {login} 的人。")
    return person


def _progress_meeting(pk: int) -> ProgressMeeting:
    meeting = ProgressMeeting.objects.select_related("campaign__organisation").filter(pk=pk).first()
    if meeting is None:
        raise CommandError(f"找不到编号为 {pk} 的推进会。")
    return meeting
