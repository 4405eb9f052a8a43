"""Export any filtered view of the ledger to .xlsx or CSV, streamed in chunks: memory stays flat."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from zhenggai.documents.ledger_xlsx import LedgerRow, iter_ledger_csv, iter_ledger_xlsx
from zhenggai.ledger.campaigns import workgroup_names
from zhenggai.ledger.imports import IMPORTED_EVIDENCE
from zhenggai.ledger.models import Evidence, Measure, Progress

#: Rows fetched per query; progress and evidence are fetched per batch, not per row.
BATCH = 2000
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}

_FIELDS = (
    "id",
    "problem_id",
    "problem__description",
    "problem__aspect",
    "problem__category",
    "problem__source__title",
    "text",
    "owner__display_name",
    "owner__username",
    "unit__name",
    "term",
    "deadline",
    "status",
    "completed_on",
    "blocked_reason",
    "review_date",
)


def export_order(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """The ledger's order: by source and problem, then measure; a problem's measures stay together."""
    return measures.order_by("problem__source_id", "problem__number", "problem_id", "number", "id")


def ledger_rows(measures: QuerySet[Measure]) -> Iterator[LedgerRow]:
    """The measures as ledger rows, in ledger order, fetched in batches over one database cursor."""
    ordered = export_order(measures).values_list(*_FIELDS)
    batch: list[tuple[Any, ...]] = []
    for values in ordered.iterator(chunk_size=BATCH):
        batch.append(values)
        if len(batch) >= BATCH:
            yield from _rows(batch)
            batch = []
    if batch:
        yield from _rows(batch)


def _of_measures(model: Any, ids: list[int]) -> Any:
    """Rows of `model` belonging to these measures: one array parameter on PostgreSQL, not 2,000."""
    if connection.vendor == "postgresql":
        return model.objects.extra(where=["measure_id = ANY(%s)"], params=[ids])
    return model.objects.filter(measure_id__in=ids)


def _rows(batch: list[tuple[Any, ...]]) -> Iterator[LedgerRow]:
    ids = [values[0] for values in batch]
    progress: dict[int, list[str]] = {}
    evidence: dict[int, list[str]] = {}
    for measure_id, text in (
        _of_measures(Progress, ids).order_by("date", "id").values_list("measure_id", "text")
    ):
        if text.startswith(IMPORTED_EVIDENCE):
            evidence.setdefault(measure_id, []).append(text[len(IMPORTED_EVIDENCE) :])
        else:
            progress.setdefault(measure_id, []).append(text)
    for measure_id, name in _of_measures(Evidence, ids).order_by("id").values_list("measure_id", "name"):
        evidence.setdefault(measure_id, []).append(name)
    groups = workgroup_names({values[1] for values in batch})
    for values in batch:
        v = dict(zip(_FIELDS, values, strict=True))
        pk, status = v["id"], v["status"]
        yield LedgerRow(
            problem=v["problem__description"],
            measure=v["text"],
            source=v["problem__source__title"],
            aspect=v["problem__aspect"],
            category=v["problem__category"],
            owner=v["owner__display_name"] or v["owner__username"] or "",
            unit=v["unit__name"] or "",
            deadline=v["deadline"],
            term=v["term"],
            progress="\n".join(progress.get(pk, [])),
            status=status,
            evidence="\n".join(evidence.get(pk, [])),
            workgroup=groups.get(v["problem_id"], ""),
            completed_on=v["completed_on"] if status == "done" else None,
            blocked_reason=v["blocked_reason"] if status == "blocked" else "",
            review_date=v["review_date"] if status == "blocked" else None,
            problem_ref=v["problem_id"],
            key=measure_key(pk),
        )


def measure_key(pk: int) -> str:
    """The stable key of a measure in an exported file: its id, written as a number (“123”)."""
    return str(pk)


def export_chunks(measures: QuerySet[Measure], fmt: str, title: str | None = None) -> Iterator[bytes]:
    """The file, chunk by chunk: `fmt` is "xlsx" or "csv"."""
    rows = ledger_rows(measures)
    if fmt == "csv":
        return iter_ledger_csv(rows)
    return iter_ledger_xlsx(rows, title)


def export_filename(fmt: str, today: datetime.date) -> str:
    """整改台账-20260101.xlsx"""
    return f"整改台账-{today:%Y%m%d}.{fmt}"
