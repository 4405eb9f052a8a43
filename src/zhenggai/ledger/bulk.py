"""Many rows at once (the Excel import): bulk inserts in one transaction, every row audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from zhenggai.ledger.audit import AuditAction, AuditEntry, entry, snapshot
from zhenggai.ledger.models import Measure, Problem
from zhenggai.ledger.services.common import must_manage
from zhenggai.orgs.models import User


def bulk_create_problems(
    actor: User, items: Sequence[tuple[Problem, Sequence[Measure]]], *, summary: str = "导入"
) -> list[Problem]:
    """Store many new problems with their measures at once (imports): one transaction, bulk inserts.

    Each Problem and Measure is unsaved and filled in by the caller (source, organisation, text …);
    measure.problem and measure.organisation are set here. Every row gets its audit entry.
    """
    with transaction.atomic():
        for org in {p.organisation for p, _ in items}:
            must_manage(actor, org)
        problems = Problem.objects.bulk_create([p for p, _ in items], batch_size=1000)
        measures: list[Measure] = []
        for problem, its_measures in items:
            for measure in its_measures:
                measure.problem = problem
                measure.organisation = problem.organisation
                measure.refresh_search_text()
                measures.append(measure)
        Measure.objects.bulk_create(measures, batch_size=1000)
        trail = [
            entry(
                actor,
                AuditAction.CREATE,
                p,
                summary=summary,
                before=None,
                after=snapshot(p),
                problem_id=p.pk,
                organisation_path=p.organisation.path,
            )
            for p in problems
        ] + [
            entry(
                actor,
                AuditAction.CREATE,
                m,
                summary=summary,
                before=None,
                after=snapshot(m),
                problem_id=m.problem_id,
                measure_id=m.pk,
                organisation_path=m.organisation.path,
            )
            for m in measures
        ]
        AuditEntry.objects.bulk_create(trail, batch_size=1000)
    return problems
