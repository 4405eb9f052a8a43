"""What every ledger service shares: the manager check, row locks, the audited save that raises the
version, numbering, files written in a transaction.

Locks: a service that reads a row and then writes locks that row first (select_for_update) and
reads it afresh, never trusting the caller's instance. Anything under a problem locks the problem
first, then the measure — always in that order, so two services never wait on each other in a
circle, and closing (销号), which locks the problem, sees every measure's status settled.
The owner's daily work on one measure (progress, evidence, status) holds its problem in SHARE mode
on PostgreSQL (FOR SHARE: the problem is only read), so the owners of a problem's measures post
side by side, while closing or editing the problem (FOR UPDATE) waits for them all, and they for
it. Those services never write the problem row, so a shared lock is never upgraded (which could
deadlock). Changing what a measure is (numbering, deletion, deadline) keeps the exclusive lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Max

from zhenggai.core.errors import Conflict, Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.audit import AuditAction, record, snapshot
from zhenggai.ledger.models import Evidence, Measure, Problem, Progress, Source
from zhenggai.orgs.access import require_manager
from zhenggai.orgs.models import Organisation, User

T = TypeVar("T")


def must_manage(actor: User, org: Organisation) -> None:
    """Refuse (403) unless `actor` is secretary or office of `org` or above it."""
    require_manager(actor, org, f"您没有管理“{org}”整改台账的权限")


def audit(actor: User, action: str, obj: Any, summary: str, before: Any, after: Any) -> None:
    """Write the audit entry of a change to `obj`, filed under its problem, measure and organisation."""
    problem_id = measure_id = None
    if isinstance(obj, Problem):
        problem_id, org = obj.pk, obj.organisation
    elif isinstance(obj, Measure):
        problem_id, measure_id, org = obj.problem_id, obj.pk, obj.organisation
    elif isinstance(obj, Progress | Evidence):
        problem_id, measure_id, org = obj.measure.problem_id, obj.measure_id, obj.measure.organisation
    else:
        org = obj.organisation
    record(
        actor,
        action,
        obj,
        summary=summary,
        before=before,
        after=after,
        problem_id=problem_id,
        measure_id=measure_id,
        organisation_path=org.path,
    )


def lock_problem(pk: int, *, shared: bool = False) -> Problem:
    """The problem `pk` read afresh and locked until the transaction ends; Conflict (409) when it is gone.

    `shared`: held in SHARE mode on PostgreSQL (see the module's docstring); SQLite's immediate
    transactions lock the whole database either way.
    """
    rows = Problem.objects.select_related("organisation", "source").filter(pk=pk)
    if shared and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # Django's select_for_update has no FOR SHARE
            cursor.execute("SELECT 1 FROM ledger_problem WHERE id = %s FOR SHARE", [pk])
    else:
        rows = rows.select_for_update(of=("self",))
    found = rows.first()
    if found is None:
        raise Conflict("该问题已被删除，请返回台账查看")
    return found


def lock_measure(pk: int, *, shared_problem: bool = False) -> Measure:
    """The measure `pk` read afresh and locked, after its problem (locked too, as `measure.problem`;
    in SHARE mode with `shared_problem`); Conflict (409) when it is gone.
    """
    problem_id = Measure.objects.filter(pk=pk).values_list("problem_id", flat=True).first()
    if problem_id is None:
        raise Conflict("该整改措施已被删除，请返回台账查看")
    problem = lock_problem(problem_id, shared=shared_problem)
    found = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("organisation", "owner", "unit")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Conflict("该整改措施已被删除，请返回台账查看")
    found.problem = problem
    return found


def lock_source(pk: int) -> Source:
    """The source `pk` read afresh and locked until the transaction ends."""
    return Source.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=pk)


def save_changes(actor: User, row: Problem | Measure | Source, before: dict[str, Any], summary: str) -> bool:
    """Save the fields of the locked `row` that differ from `before` (its snapshot), raise its version by
    one and write one audit entry (修改) — the entry a stale save's refusal names (see versions.py).

    Only the changed fields are written, so nothing the caller did not change is put back. Returns
    False, writing nothing, when nothing changed.
    """
    changed = [name for name, value in snapshot(row).items() if before.get(name) != value]
    if not changed:
        return False
    row.version += 1
    extra = [f.name for f in row._meta.concrete_fields if f.name in ("search_text", "updated_at")]
    row.save(update_fields=[*changed, *extra, "version"])
    audit(actor, AuditAction.CHANGE, row, summary, before, snapshot(row))
    return True


def next_number(queryset: Any) -> int:
    """The number after the highest `number` in `queryset` (1 for the first)."""
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


CLOSED_REFUSAL = "该问题已销号，如需修改请先由书记或办公室在问题页面重新打开问题"


def refuse_if_closed(problem: Problem) -> None:
    """Refuse any change under a closed (销号) problem until it is reopened."""
    if problem.is_closed:
        raise Refusal(CLOSED_REFUSAL)


def atomic_with_files(work: Callable[[list[str]], T]) -> T:
    """Run `work(written)` in one transaction; if it fails, the files it wrote are removed too."""
    written: list[str] = []
    try:
        with transaction.atomic():
            return work(written)
    except BaseException:
        for stored_name in written:
            files.remove(stored_name)
        raise
