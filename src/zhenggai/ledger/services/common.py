"""What every ledger service shares: the manager check, the audit record, numbering, locks on files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Max

from zhenggai.core.errors import Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.audit import record
from zhenggai.ledger.models import Evidence, Measure, Problem, Progress
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


def next_number(queryset: Any) -> int:
    """The number after the highest `number` in `queryset` (1 for the first)."""
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


def refuse_if_closed(problem: Problem) -> None:
    """Refuse any change under a closed (销号) problem until it is reopened."""
    if problem.is_closed:
        raise Refusal("该问题已销号，如需修改请先重新打开问题")


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
