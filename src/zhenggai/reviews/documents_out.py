"""Documents written from a meeting: its 召开情况报告 and the 上年度整改落实情况 drafted from its ledger.

Here in reviews because the meeting report needs what this app records (reports, criticisms, the
conclusions) besides the meetings app's (aspects, opinions, talks) and the ledger's (problems and
measures); the layout is the engine's (`documents.gongwen`).

The 上年度整改落实情况 of meeting M is drafted from M's own ledger, for the report of the meeting
that follows it: the team's from every problem, a member's from the problems with a measure he
answers for (only his measures), as of today.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from zhenggai.documents.gongwen import (
    MeetingFacts,
    Outline,
    PreviousDraft,
    RectificationReport,
    previous_text,
    write_meeting_report,
    write_previous,
)
from zhenggai.ledger.rectification import rectification_source
from zhenggai.meetings.models import Meeting, Opinion, Route
from zhenggai.meetings.talks import coverage
from zhenggai.orgs.models import User
from zhenggai.reviews.models import Criticism, OpinionImport, Record, Report, ReportState


def meeting_facts(meeting: Meeting) -> MeetingFacts:
    """What the system recorded of `meeting`, counted, as the 召开情况报告 needs it."""
    cover = coverage(meeting)
    members = cover.people  # the secretary first, then the others by name
    opinions = Opinion.objects.filter(meeting=meeting, merged_into__isnull=True)
    counts = opinions.aggregate(
        total=Count("pk"),
        team=Count("pk", filter=Q(route=Route.TEAM)),
        member=Count("pk", filter=Q(route=Route.MEMBER)),
        answered=Count("pk", filter=Q(answered=True) | Q(match_decision="answered")),
    )
    reports = Report.objects.filter(meeting=meeting).exclude(state=ReportState.DRAFT)
    criticised = dict(
        Criticism.objects.filter(meeting=meeting).values_list("target_id").annotate(n=Count("pk")).order_by()
    )
    record = Record.objects.filter(meeting=meeting).first()
    return MeetingFacts(
        organisation=meeting.organisation.name,
        kind_label=meeting.get_kind_display(),
        title=meeting.source.title,
        theme=meeting.theme,
        date=meeting.date,
        members=[str(m) for m in members],
        aspects=list(meeting.aspects.values_list("text", flat=True)) if meeting.aspects_confirmed else [],
        opinions=counts["total"],
        opinions_team=counts["team"],
        opinions_members=counts["member"],
        opinions_answered=counts["answered"],
        opinions_to_ledger=OpinionImport.objects.filter(opinion__meeting=meeting).count(),
        talks=meeting.talks.count(),
        pairs=cover.required_count,
        pairs_talked=cover.done_count,
        reports=reports.count(),
        reports_approved=reports.filter(state=ReportState.APPROVED).count(),
        criticisms=[(str(m), criticised[m.pk]) for m in members if criticised.get(m.pk)],
        conclusions=record.conclusions if record else "",
        ledger=rectification_source(meeting.source),
    )


def meeting_report(meeting: Meeting, today: datetime.date) -> RectificationReport:
    """The meeting's 召开情况报告 (.docx) signed `today`, and what the records lack."""
    return write_meeting_report(meeting_facts(meeting), today)


def previous_draft(meeting: Meeting, today: datetime.date, person: User | None = None) -> PreviousDraft:
    """The 上年度整改落实情况 drafted from `meeting`'s ledger: the team's, or `person`'s own."""
    source = rectification_source(meeting.source, owner=person.pk if person else None)
    return write_previous(source, today, str(person) if person else "")


def previous_start(meeting: Meeting, author: User, today: datetime.date) -> str:
    """The text a new report of `author` for `meeting` starts from in the browser editor: its part
    上年度整改落实情况 drafted from the previous meeting's ledger (empty without a previous meeting)."""
    if meeting.previous_meeting is None:
        return ""
    draft = previous_draft(meeting.previous_meeting, today, author)
    return previous_text(Outline(title="", sections=draft.outline.sections)).lstrip("\n")


def previous_filename(meeting: Meeting, person: User | None) -> str:
    """张伟-上年度整改落实情况（2021年度…民主生活会）.docx"""
    who = str(person) if person else "领导班子"
    return f"{who}-上年度整改落实情况（{meeting.source.title}）.docx"
