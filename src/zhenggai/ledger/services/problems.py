"""Services on problems: create, change, delete, close (销号) and reopen — each one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from zhenggai.core.errors import Refusal
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import Problem, Source, Status
from zhenggai.ledger.services.common import (
    audit,
    lock_problem,
    lock_source,
    must_manage,
    next_number,
    refuse_if_closed,
    save_changes,
)
from zhenggai.ledger.versions import check_version
from zhenggai.orgs.models import Organisation, User


def check_problem(problem: Problem) -> None:
    """The rules of a problem's fields, for every writer (services, bulk insert): a description and a number."""
    if not problem.description.strip():
        raise Refusal("问题描述不能为空")
    if problem.number is None:
        raise Refusal("序号不能为空")


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
    actor manages that organisation, Refusal for an empty description. One transaction; the source is
    locked, so two problems created at once never take the same number.
    """
    source = lock_source(source.pk)
    organisation = organisation or source.organisation
    must_manage(actor, organisation)
    problem = Problem(
        source=source,
        organisation=organisation,
        description=description.strip(),
        aspect=aspect.strip(),
        category=category.strip(),
        number=number or next_number(Problem.objects.filter(source=source)),
    )
    check_problem(problem)
    problem.save()
    audit(actor, AuditAction.CREATE, problem, "新增问题", None, snapshot(problem))
    return problem


PROBLEM_FIELDS = {"description", "aspect", "category", "number"}


@transaction.atomic
def update_problem(actor: User, problem: Problem, *, version: int | None = None, **fields: Any) -> Problem:
    """Change a problem's description, aspect, category or number on the freshly locked row; only the
    changed fields are saved (a stale instance of the caller's puts nothing back), audited, and the
    version raised. A new description goes into its measures' search text too.

    Raises Forbidden unless the actor manages the problem's organisation; Conflict (409) when `version`
    is not the current one; Refusal when it is closed (销号), for any other field, or an empty
    description.
    """
    problem = lock_problem(problem.pk)
    must_manage(actor, problem.organisation)
    check_version(problem, version)
    refuse_if_closed(problem)
    unknown = set(fields) - PROBLEM_FIELDS
    if unknown:
        raise Refusal(f"不能修改问题的这些字段：{'、'.join(sorted(unknown))}")
    before = snapshot(problem)
    for name, value in fields.items():
        setattr(problem, name, value.strip() if isinstance(value, str) else value)
    check_problem(problem)
    save_changes(actor, problem, before, "修改问题")
    if before["description"] != problem.description:
        for measure in problem.measures.all():
            measure.problem = problem
            measure.refresh_search_text()
            measure.save(update_fields=["search_text"])
    return problem


@transaction.atomic
def delete_problem(actor: User, problem: Problem, *, version: int | None = None) -> None:
    """Delete a problem that has no measures; one transaction on the locked row, audited.

    Raises Forbidden unless the actor manages its organisation, Conflict (409) when `version` is not
    the current one, Refusal while it still has measures.
    """
    problem = lock_problem(problem.pk)
    must_manage(actor, problem.organisation)
    check_version(problem, version)
    if problem.measures.exists():
        raise Refusal("该问题还有整改措施，请先删除其整改措施再删除问题")
    audit(actor, AuditAction.DELETE, problem, "删除问题", snapshot(problem), None)
    problem.delete()


@transaction.atomic
def close_problem(actor: User, problem: Problem, note: str = "") -> Problem:
    """销号: only by the office, only when every measure is done; one transaction on the locked row, audited.

    No version is asked for: whether it may be closed is decided on the locked row (closed already,
    every measure done, each measure's change waiting on this lock), and it overwrites nothing
    anyone typed. Raises Forbidden unless the actor manages the organisation, Refusal otherwise.
    """
    problem = lock_problem(problem.pk)
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
    save_changes(actor, problem, before, "销号")
    return problem


@transaction.atomic
def reopen_problem(actor: User, problem: Problem, reason: str) -> Problem:
    """Reopen a closed (销号) problem, keeping when and why; one transaction on the locked row, audited.

    No version is asked for, as for closing: the locked row says whether it is closed. Raises
    Forbidden unless the actor manages its organisation, Refusal when it is not closed or the reason
    is empty.
    """
    problem = lock_problem(problem.pk)
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
    save_changes(actor, problem, before, "重新打开")
    return problem
