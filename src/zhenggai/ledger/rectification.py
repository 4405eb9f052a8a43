"""A source's ledger as the document engine's RectificationSource, for the 整改落实情况报告.

Three queries whatever the size: the problems, their measures with owner and unit, and the latest
progress note of each measure.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from zhenggai.documents.gongwen import (
    RectificationMeasure,
    RectificationProblem,
    RectificationReport,
    RectificationSource,
    plan_findings,
    write_rectification_report,
)
from zhenggai.documents.gongwen import (
    rectification_findings as findings_of,
)
from zhenggai.ledger.models import Campaign, Measure, Problem, Progress, Source


def rectification_problems(
    problems: QuerySet[Problem], owner: int | None = None
) -> list[RectificationProblem]:
    """Each of `problems` with its measures, in ledger order, as the report and its summary sentence need
    them (what a campaign's page counts too). With `owner` (a user id): only the measures he answers
    for, and only the problems that have one (a member's own share, for his 上年度整改落实情况).
    """
    mine = Measure.objects.filter(problem__in=problems)
    if owner is not None:
        mine = mine.filter(owner_id=owner)
        problems = problems.filter(pk__in=mine.values("problem_id"))
    found = {
        p.pk: RectificationProblem(p.number, p.aspect, p.description, p.closed_at is not None)
        for p in problems.order_by("source_id", "number", "id")
    }
    measures = mine.select_related("owner", "unit").order_by("problem_id", "number", "id")
    latest: dict[int, str] = {}
    notes = Progress.objects.filter(measure__in=mine).order_by("measure_id", "date", "id")
    for measure_id, text in notes.values_list("measure_id", "text"):
        latest[measure_id] = text
    for m in measures:
        found[m.problem_id].measures.append(
            RectificationMeasure(
                text=m.text,
                status=m.status,
                term=m.term,
                deadline=m.deadline,
                original_deadline=m.original_deadline,
                extension_reason=m.extension_reason,
                completion_note=m.completion_note,
                completed_on=m.completed_on,
                latest_progress=latest.get(m.pk, ""),
                blocked_reason=m.blocked_reason,
                review_date=m.review_date,
                owner=str(m.owner) if m.owner else "",
                unit=m.unit.name if m.unit else "",
            )
        )
    return list(found.values())


def rectification_source(source: Source, owner: int | None = None) -> RectificationSource:
    """Every problem of `source` with its measures, in ledger order, as the report needs it (only
    `owner`'s share with `owner`, see rectification_problems)."""
    return RectificationSource(
        organisation=source.organisation.name,
        title=source.title,
        kind_label=source.get_kind_display(),
        meeting=source.is_meeting,
        inspecting_body=source.inspecting_body,
        feedback_date=source.feedback_date,
        problems=rectification_problems(Problem.objects.filter(source=source), owner),
    )


def rectification_report(source: Source, today: datetime.date) -> RectificationReport:
    """The 整改落实情况报告 of `source` as of `today`: the .docx and what the ledger lacks."""
    return write_rectification_report(rectification_source(source), today)


def rectification_findings(source: Source, today: datetime.date) -> tuple[list[str], list[str]]:
    """What the ledger lacks for the report of `source` and for its 整改方案 (neither is written)."""
    gathered = rectification_source(source)
    return findings_of(gathered, today), plan_findings(gathered)


def campaign_source(campaign: Campaign) -> RectificationSource:
    """A campaign (专项整改) as the report needs it: its problems from every source, the sources named."""
    sources = "、".join(s.title for s in campaign.sources.order_by("id"))
    return RectificationSource(
        organisation=campaign.organisation.name,
        title=campaign.name,
        kind_label="专项整改",
        problems=rectification_problems(Problem.objects.filter(campaigns=campaign)),
        campaign_of=sources or "各方面反馈",
    )


def campaign_report(campaign: Campaign, today: datetime.date) -> RectificationReport:
    """The campaign's 整改落实情况报告 as of `today`: the .docx and what the ledger lacks."""
    return write_rectification_report(campaign_source(campaign), today)
