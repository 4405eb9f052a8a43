"""A source's ledger as the document engine's RectificationSource, for the 整改落实情况报告.

Four queries whatever the size: the problems, their measures with owner and unit, and the latest
progress note of each measure.
"""

from __future__ import annotations

import datetime

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
from zhenggai.ledger.models import Measure, Problem, Progress, Source


def rectification_source(source: Source, owner: int | None = None) -> RectificationSource:
    """Every problem of `source` with its measures, in ledger order, as the report needs them.

    With `owner` (a user id): only the measures he answers for, and only the problems that have one
    (a member's own share of the ledger, for his 上年度整改落实情况).
    """
    mine = Measure.objects.filter(problem__source=source)
    if owner is not None:
        mine = mine.filter(owner_id=owner)
    chosen = Problem.objects.filter(source=source)
    if owner is not None:
        chosen = chosen.filter(pk__in=mine.values("problem_id"))
    problems = {
        p.pk: RectificationProblem(p.number, p.aspect, p.description, p.closed_at is not None)
        for p in chosen.order_by("number", "id")
    }
    measures = mine.select_related("owner", "unit").order_by("problem_id", "number", "id")
    latest: dict[int, str] = {}
    notes = Progress.objects.filter(measure__in=mine).order_by("measure_id", "date", "id")
    for measure_id, text in notes.values_list("measure_id", "text"):
        latest[measure_id] = text
    for m in measures:
        problems[m.problem_id].measures.append(
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
    return RectificationSource(
        organisation=source.organisation.name,
        title=source.title,
        kind_label=source.get_kind_display(),
        meeting=source.is_meeting,
        inspecting_body=source.inspecting_body,
        feedback_date=source.feedback_date,
        problems=list(problems.values()),
    )


def rectification_report(source: Source, today: datetime.date) -> RectificationReport:
    """The 整改落实情况报告 of `source` as of `today`: the .docx and what the ledger lacks."""
    return write_rectification_report(rectification_source(source), today)


def rectification_findings(source: Source, today: datetime.date) -> tuple[list[str], list[str]]:
    """What the ledger lacks for the report of `source` and for its 整改方案 (neither is written)."""
    gathered = rectification_source(source)
    return findings_of(gathered, today), plan_findings(gathered)
