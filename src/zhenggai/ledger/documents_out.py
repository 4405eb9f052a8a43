"""Documents written from the ledger besides the 整改落实情况报告: a source's 整改方案, the ledger table and
a progress meeting's 会议纪要.

The data comes from the same queries as the report (`rectification_source`) and the Excel export
(`ledger_rows`, the ledger page's filters); the layout is the engine's (`documents.gongwen`).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from zhenggai.core.errors import Refusal
from zhenggai.documents.gongwen import (
    DecisionFacts,
    ProgressMeetingFacts,
    RectificationReport,
    chinese_date,
    write_ledger_table,
    write_minutes,
    write_plan,
)
from zhenggai.ledger.exports import ledger_rows
from zhenggai.ledger.models import Decision, DecisionAction, Measure, ProgressMeeting, Source, Status
from zhenggai.ledger.rectification import rectification_source
from zhenggai.orgs.models import Membership, Role, User

#: A Word table longer than this is no longer something to print: the Excel export is.
MAX_TABLE_MEASURES = 3000
TOO_MANY = "当前筛选条件下的整改措施超过{limit}条，Word 表格无法打印，请缩小筛选范围，或导出 Excel"


def plan_document(source: Source, today: datetime.date) -> RectificationReport:
    """The 整改方案 of `source` dated `today`, its 整改任务清单 attached; and what the ledger lacks."""
    return write_plan(rectification_source(source), today)


def ledger_document(measures: QuerySet[Measure], today: datetime.date, title: str | None = None) -> bytes:
    """The filtered `measures` as the 整改台账 on landscape pages. Refused above MAX_TABLE_MEASURES."""
    if measures.count() > MAX_TABLE_MEASURES:
        raise Refusal(TOO_MANY.format(limit=MAX_TABLE_MEASURES))
    return write_ledger_table(ledger_rows(measures), today, title)


def ledger_filename(today: datetime.date) -> str:
    """整改台账-20260101.docx"""
    return f"整改台账-{today:%Y%m%d}.docx"


def _action_words(decision: Decision) -> str:
    """What a decision did to its measures, in the minutes' words."""
    if decision.action == DecisionAction.EXTEND and decision.deadline is not None:
        return f"完成时限延至{chinese_date(decision.deadline)}"
    if decision.action == DecisionAction.STATUS and decision.status:
        return f"状态变更为“{Status(decision.status).label}”"
    return ""


def minutes_facts(meeting: ProgressMeeting) -> ProgressMeetingFacts:
    """A progress meeting as its minutes need it: which meeting of the campaign it is (by date), who
    attended, the minutes typed and each decision with its measures (six queries)."""
    campaign = meeting.campaign
    earlier = campaign.progress_meetings.filter(
        Q(date__lt=meeting.date) | Q(date=meeting.date, pk__lt=meeting.pk)
    ).count()
    decisions = meeting.decisions.order_by("id").prefetch_related("measures__problem", "measures__owner")
    return ProgressMeetingFacts(
        organisation=campaign.organisation.name,
        campaign=campaign.name,
        date=meeting.date,
        number=earlier + 1,
        attendees=[str(person) for person in _secretaries_first(meeting)],
        minutes=meeting.minutes,
        decisions=[
            DecisionFacts(
                text=d.text,
                measures=[
                    f"问题{m.problem.number}措施{m.number}“{m.text[:30].rstrip('。；;，, ')}”"
                    f"（{m.owner or '无责任人'}）"
                    for m in sorted(d.measures.all(), key=lambda m: (m.problem.number, m.number, m.pk))
                ],
                action=_action_words(d),
            )
            for d in decisions
        ],
    )


def _secretaries_first(meeting: ProgressMeeting) -> list[User]:
    """The attendees as minutes list them: the secretaries of the campaign's organisation first, then
    everyone in the order they were entered into the system."""
    people = list(meeting.attendees.order_by("pk"))
    secretaries = set(
        Membership.objects.filter(
            user__in=people, organisation=meeting.campaign.organisation, role=Role.SECRETARY
        ).values_list("user_id", flat=True)
    )
    return sorted(people, key=lambda person: person.pk not in secretaries)


def minutes_document(meeting: ProgressMeeting) -> RectificationReport:
    """The progress meeting's 会议纪要 (.docx), dated the meeting's day; and what the record lacks."""
    return write_minutes(minutes_facts(meeting))


def minutes_filename(meeting: ProgressMeeting) -> str:
    """{专项整改}推进会会议纪要-20260301.docx"""
    return f"{meeting.campaign.name}推进会会议纪要-{meeting.date:%Y%m%d}.docx"
