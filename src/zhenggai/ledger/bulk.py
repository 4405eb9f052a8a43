"""Many rows at once (the Excel import): bulk inserts (COPY on PostgreSQL) in one transaction, every row audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from zhenggai.core.bulk import copy_create
from zhenggai.core.errors import Refusal
from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.audit import Trail
from zhenggai.ledger.models import Measure, Problem
from zhenggai.ledger.services.common import must_manage
from zhenggai.ledger.services.measures import check_measure
from zhenggai.ledger.services.problems import check_problem
from zhenggai.orgs.models import User


def bulk_create_problems(
    actor: User, items: Sequence[tuple[Problem, Sequence[Measure]]], *, summary: str = "导入"
) -> list[Problem]:
    """Store many new problems with their measures at once (imports): one transaction, bulk inserts.

    Each Problem and Measure is unsaved and filled in by the caller (source, organisation, text …);
    measure.problem and measure.organisation are set here. The rules are those of create_problem()
    and create_measure(), checked on every row before anything is written: Forbidden unless the actor
    manages each organisation, Refusal naming the row (第2个问题的第1条措施：…) otherwise. Every row
    gets its audit entry.
    """
    with transaction.atomic():
        for org in {p.organisation for p, _ in items}:
            must_manage(actor, org)
        measures = _checked(items)
        problems = list(copy_create([p for p, _ in items]))
        for measure in measures:
            # The problem again, now with its id: setting problem_id instead would drop the cached
            # problem and make refresh_search_text() fetch it, a query per measure.
            measure.problem = measure.problem
            measure.refresh_search_text()
        copy_create(measures)
        trail = Trail(actor, summary)
        for p in problems:
            trail.add(p, problem_id=p.pk, organisation_path=p.organisation.path)
        for m in measures:
            trail.add(m, problem_id=m.problem_id, measure_id=m.pk, organisation_path=m.organisation.path)
        trail.write()
    return problems


def _checked(items: Sequence[tuple[Problem, Sequence[Measure]]]) -> list[Measure]:
    """Every measure of `items`, tied to its problem and organisation, once each row passed the rules."""
    owners: dict[int, set[int]] = {}
    measures: list[Measure] = []
    for n, (problem, its_measures) in enumerate(items, 1):
        try:
            check_problem(problem)
        except Refusal as exc:
            raise Refusal(f"第{n}个问题：{exc.message}") from None
        org = problem.organisation
        if org.pk not in owners:
            owners[org.pk] = set(eligible_owners(org).values_list("pk", flat=True))
        for m, measure in enumerate(its_measures, 1):
            cached = measure._state.fields_cache  # set each only when it is not already that object
            if cached.get("problem") is not problem:
                measure.problem = problem
            if cached.get("organisation") is not org:
                measure.organisation = org
            try:
                check_measure(measure, owners=owners[org.pk])
            except Refusal as exc:
                raise Refusal(f"第{n}个问题的第{m}条措施：{exc.message}") from None
            measures.append(measure)
    return measures
