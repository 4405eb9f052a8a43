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
    write_rectification_report,
)
from zhenggai.documents.gongwen import (
    rectification_findings as findings_of,
)
from zhenggai.ledger.models import Measure, Problem, Progress, Source


def rectification_problems(problems: QuerySet[Problem]) -> list[RectificationProblem]:
    """Each of `problems` with its measures, in ledger order, as the report and its summary sentence need
    them (what a campaign's page counts too).
    """
    found = {
        p.pk: RectificationProblem(p.number, p.aspect, p.description, p.closed_at is not None)
        for p in problems.order_by("source_id", "number", "id")
    }
    ids = [*found]
    measures = (
        Measure.objects.filter(problem_id__in=ids)
        .select_related("owner", "unit")
        .order_by("problem_id", "number", "id")
    )
    latest: dict[int, str] = {}
    notes = Progress.objects.filter(measure__problem_id__in=ids).order_by("measure_id", "date", "id")
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


def rectification_source(source: Source) -> RectificationSource:
    """Every problem of `source` with its measures, in ledger order, as the report needs it."""
    return RectificationSource(
        organisation=source.organisation.name,
        title=source.title,
        kind_label=source.get_kind_display(),
        meeting=source.is_meeting,
        inspecting_body=source.inspecting_body,
        feedback_date=source.feedback_date,
        problems=rectification_problems(Problem.objects.filter(source=source)),
    )


def rectification_report(source: Source, today: datetime.date) -> RectificationReport:
    """The 整改落实情况报告 of `source` as of `today`: the .docx and what the ledger lacks."""
    return write_rectification_report(rectification_source(source), today)


def rectification_findings(source: Source, today: datetime.date) -> list[str]:
    """What the ledger lacks for the report of `source` (the report itself is not written)."""
    return findings_of(rectification_source(source), today)
