"""Services on problems: create, change, delete, close (销号) and reopen — each one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from zhenggai.core.errors import Refusal
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import Problem, Source, Status
from zhenggai.ledger.services.common import audit, must_manage, next_number
from zhenggai.orgs.models import Organisation, User


@transaction.atomic
def create_problem(
    actor: User,
    *,
    source: Source,
    description: str,
    organisation: Organisation | None = None,
    aspect: str = "",
    category: str = "",
    number: int | None = None,
) -> Problem:
    """A new problem of `source`, numbered after the source's last one unless `number` is given; audited.

    It belongs to the source's organisation unless `organisation` is given. Raises Forbidden unless the
    actor manages that organisation, Refusal for an empty description. One transaction.
    """
    organisation = organisation or source.organisation
    must_manage(actor, organisation)
    if not description.strip():
        raise Refusal("问题描述不能为空")
    problem = Problem(
        source=source,
        organisation=organisation,
        description=description.strip(),
        aspect=aspect.strip(),
        category=category.strip(),
        number=number or next_number(Problem.objects.filter(source=source)),
    )
    problem.save()
    audit(actor, AuditAction.CREATE, problem, "新增问题", None, snapshot(problem))
    return problem


PROBLEM_FIELDS = {"description", "aspect", "category", "number"}


@transaction.atomic
def update_problem(actor: User, problem: Problem, **fields: Any) -> Problem:
    """Change a problem's description, aspect, category or number; one transaction, audited.

    A new description goes into its measures' search text too. Raises Forbidden unless the actor
    manages the problem's organisation, Refusal for any other field or an empty description.
    """
    must_manage(actor, problem.organisation)
    unknown = set(fields) - PROBLEM_FIELDS
    if unknown:
        raise Refusal(f"不能修改问题的这些字段：{'、'.join(sorted(unknown))}")
    if "description" in fields and not str(fields["description"]).strip():
        raise Refusal("问题描述不能为空")
    before = snapshot(problem)
    for name, value in fields.items():
        setattr(problem, name, value.strip() if isinstance(value, str) else value)
    problem.save()
    if before["description"] != problem.description:
        for measure in problem.measures.all():
            measure.problem = problem
            measure.refresh_search_text()
            measure.save(update_fields=["search_text"])
    audit(actor, AuditAction.CHANGE, problem, "修改问题", before, snapshot(problem))
    return problem


@transaction.atomic
def delete_problem(actor: User, problem: Problem) -> None:
    """Delete a problem that has no measures; audited. Raises Forbidden unless the actor manages its
    organisation, Refusal while it still has measures.
    """
    must_manage(actor, problem.organisation)
    if problem.measures.exists():
        raise Refusal("该问题还有整改措施，请先删除其整改措施再删除问题")
    audit(actor, AuditAction.DELETE, problem, "删除问题", snapshot(problem), None)
    problem.delete()


@transaction.atomic
def close_problem(actor: User, problem: Problem, note: str = "") -> Problem:
    """销号: only by the office, only when every measure is done."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    must_manage(actor, problem.organisation)
    if problem.is_closed:
        raise Refusal("该问题已经销号")
    statuses = list(problem.measures.values_list("status", flat=True))
    if not statuses:
        raise Refusal("该问题还没有整改措施，不能销号")
    open_count = sum(1 for s in statuses if s != Status.DONE)
    if open_count:
        raise Refusal(f"该问题还有{open_count}条整改措施未完成，不能销号")
    before = snapshot(problem)
    problem.closed_at = timezone.now()
    problem.closed_by = actor
    problem.close_note = note.strip()
    problem.save()
    audit(actor, AuditAction.CHANGE, problem, "销号", before, snapshot(problem))
    return problem


@transaction.atomic
def reopen_problem(actor: User, problem: Problem, reason: str) -> Problem:
    """Reopen a closed (销号) problem, keeping when and why; one transaction on the locked row, audited.

    Raises Forbidden unless the actor manages its organisation, Refusal when it is not closed or the
    reason is empty.
    """
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    must_manage(actor, problem.organisation)
    if not problem.is_closed:
        raise Refusal("该问题尚未销号，无需重新打开")
    if not reason.strip():
        raise Refusal("重新打开问题必须说明原因")
    before = snapshot(problem)
    problem.closed_at = None
    problem.closed_by = None
    problem.reopened_at = timezone.now()
    problem.reopen_reason = reason.strip()
    problem.save()
    audit(actor, AuditAction.CHANGE, problem, "重新打开", before, snapshot(problem))
    return problem
