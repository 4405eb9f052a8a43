"""A branch's attendance sheet into the records: every line checked, then every meeting recorded in
one transaction through dual_life.record_meeting (the same rules and audit as the page), or nothing.

A meeting already recorded (same date, kind and topic) is left as it is, so the same sheet may be
imported again after lines were added for new meetings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.documents.attendance_sheet import AttendanceLine, AttendanceSheet
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import Organisation, User
from zhenggai.records import dual_life
from zhenggai.records.models import BranchMeeting, BranchMeetingKind, DualLife, Presence

#: The words offices write in the 出席情况 column.
PRESENCE_WORDS = {
    "出席": Presence.PRESENT,
    "参加": Presence.PRESENT,
    "是": Presence.PRESENT,
    "√": Presence.PRESENT,
    "已参加": Presence.PRESENT,
    "出席并发言": Presence.SPOKE,
    "发言": Presence.SPOKE,
    "参加并发言": Presence.SPOKE,
    "缺席": Presence.ABSENT,
    "请假": Presence.ABSENT,
    "否": Presence.ABSENT,
    "×": Presence.ABSENT,
    "未参加": Presence.ABSENT,
}
KIND_WORDS = {str(label): value for value, label in BranchMeetingKind.choices} | {
    "党员大会": BranchMeetingKind.CONGRESS,
    "支委会": BranchMeetingKind.COMMITTEE,
    "党课": BranchMeetingKind.LECTURE,
}


@dataclass(frozen=True)
class Imported:
    """What an import did: meetings and attendance lines recorded, meetings already there."""

    meetings: int
    lines: int
    skipped: int


def _where(line: AttendanceLine, column: str) -> str:
    return f"第{line.row}行“{column}”列"


def _person(
    branch: Organisation, line: AttendanceLine, named: dict[str, list[User]], logins: dict[str, User]
) -> User | None:
    """The branch member the 姓名 column names: by name, else by login; Refusal when the name is two
    people's (the sheet must then give the login of the one meant)."""
    found = named.get(line.name, [])
    if len(found) > 1:
        raise Refusal(
            f"{_where(line, '姓名')}：“{branch}”中有{len(found)}人名为“{line.name}”，无法确定是哪一位，"
            f"请在“姓名”列改填其登录名（{'、'.join(p.username for p in found)}）"
        )
    return found[0] if found else logins.get(line.name)


def _check(
    branch: Organisation, sheet: AttendanceSheet
) -> dict[tuple[datetime.date, str, str], list[dual_life.Present]]:
    """The meetings of the sheet, each with its attendance; Refusal naming the first bad row."""
    if sheet.errors:
        row, column, message = sheet.errors[0]
        raise Refusal(f"第{row}行{f'“{column}”列' if column else ''}：{message}" if row else message)
    named: dict[str, list[User]] = {}
    logins: dict[str, User] = {}
    for d in DualLife.objects.filter(branch=branch).select_related("person").order_by("person__username"):
        named.setdefault(d.person.display_name, []).append(d.person)
        logins[d.person.username] = d.person
    meetings: dict[tuple[datetime.date, str, str], list[dual_life.Present]] = {}
    for line in sheet.lines:
        kind = KIND_WORDS.get(line.kind.replace(" ", ""))
        if kind is None:
            raise Refusal(
                f"{_where(line, '会议类型')}：无法识别“{line.kind}”，应为{'、'.join(BranchMeetingKind.labels)}"
            )
        presence = PRESENCE_WORDS.get(line.presence.replace(" ", ""))
        if presence is None:
            raise Refusal(
                f"{_where(line, '出席情况')}：无法识别“{line.presence}”，应为出席、出席并发言或缺席"
            )
        person = _person(branch, line, named, logins)
        if person is None:
            raise Refusal(f"{_where(line, '姓名')}：“{line.name}”没有编入“{branch}”，请先登记其所在党支部")
        meetings.setdefault((line.date, str(kind), line.topic), []).append(
            dual_life.Present(person, presence, line.reason)
        )
    return meetings


@transaction.atomic
def import_attendance(actor: User, branch: Organisation, sheet: AttendanceSheet) -> Imported:
    """Record the sheet's meetings of `branch` with their attendance; all or nothing, audited.

    Raises Forbidden unless the actor manages the branch; Refusal naming the row and column of the
    first line that cannot be taken (and the rules of record_meeting, e.g. an absence without reason).
    """
    if not can_manage(actor, branch):
        raise Forbidden("只有该党支部的书记或办公室可以导入支部会议")
    meetings = _check(branch, sheet)
    done = skipped = lines = 0
    for (date, kind, topic), attendance in meetings.items():
        if BranchMeeting.objects.filter(branch=branch, date=date, kind=kind, topic=topic).exists():
            skipped += 1
            continue
        dual_life.record_meeting(actor, branch, kind=kind, date=date, topic=topic, attendance=attendance)
        done, lines = done + 1, lines + len(attendance)
    return Imported(done, lines, skipped)
