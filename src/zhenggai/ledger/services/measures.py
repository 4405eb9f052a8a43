"""Services on measures: create, change, delete and extend (延期) — each one transaction, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import Measure, Problem, Status, Term
from zhenggai.ledger.services.common import audit, must_manage, next_number, refuse_if_closed
from zhenggai.orgs.models import Organisation, User


def _check_measure(measure: Measure) -> None:
    if not measure.text.strip():
        raise Refusal("整改措施内容不能为空")
    if measure.term not in Term.values:
        raise Refusal("整改时限类型无效，应为立行立改、限期整改或长期坚持")
    if measure.term == Term.DEADLINE and measure.deadline is None:
        raise Refusal("限期整改的措施必须填写完成时限")
    if measure.owner is not None and not measure.owner.is_active:
        raise Refusal(f"责任人“{measure.owner}”已停用")


@transaction.atomic
def create_measure(
    actor: User,
    *,
    problem: Problem,
    text: str,
    term: str = Term.DEADLINE,
    deadline: datetime.date | None = None,
    owner: User | None = None,
    unit: Organisation | None = None,
    number: int | None = None,
) -> Measure:
    """A new measure of `problem`, numbered after its last one unless `number` is given; audited.

    Raises Forbidden unless the actor manages the problem's organisation; Refusal when the problem is
    closed (销号), the text is empty, the term unknown, a 限期整改 measure has no deadline, or the owner
    is deactivated. One transaction: nothing is written on refusal.
    """
    must_manage(actor, problem.organisation)
    refuse_if_closed(problem)
    measure = Measure(
        problem=problem,
        organisation=problem.organisation,
        text=text.strip(),
        term=term,
        deadline=deadline,
        owner=owner,
        unit=unit,
        number=number or next_number(Measure.objects.filter(problem=problem)),
    )
    _check_measure(measure)
    measure.refresh_search_text()
    measure.save()
    audit(actor, AuditAction.CREATE, measure, "新增整改措施", None, snapshot(measure))
    return measure


MEASURE_FIELDS = {"text", "term", "deadline", "owner", "unit", "number"}


@transaction.atomic
def update_measure(actor: User, measure: Measure, **fields: Any) -> Measure:
    """Change what a measure is; a deadline already set changes only by extend_deadline()."""
    must_manage(actor, measure.organisation)
    refuse_if_closed(measure.problem)
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise Refusal(f"不能在此修改整改措施的这些字段：{'、'.join(sorted(unknown))}")
    if "deadline" in fields and measure.deadline is not None and fields["deadline"] != measure.deadline:
        raise Refusal("已定的完成时限不能直接修改，请办理延期并说明原因")
    before = snapshot(measure)
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    _check_measure(measure)
    measure.refresh_search_text()
    measure.save()
    audit(actor, AuditAction.CHANGE, measure, "修改整改措施", before, snapshot(measure))
    return measure


@transaction.atomic
def delete_measure(actor: User, measure: Measure) -> None:
    """Delete a measure with its progress and evidence, every row audited; one transaction.

    The evidence files leave the disk only once the transaction commits. Raises Forbidden unless the
    actor manages the measure's organisation, Refusal when its problem is closed (销号).
    """
    must_manage(actor, measure.organisation)
    refuse_if_closed(measure.problem)
    stored = []
    for item in measure.evidence.all():
        audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
        stored.append(item.stored_name)
    for progress in measure.progress.all():
        audit(actor, AuditAction.DELETE, progress, "删除整改进展", snapshot(progress), None)
    audit(actor, AuditAction.DELETE, measure, "删除整改措施", snapshot(measure), None)
    measure.delete()
    transaction.on_commit(lambda: files.remove_all(stored))


@transaction.atomic
def extend_deadline(actor: User, measure: Measure, *, deadline: datetime.date, reason: str) -> Measure:
    """延期: the office moves the deadline; the first deadline and the reason are kept."""
    must_manage(actor, measure.organisation)
    refuse_if_closed(measure.problem)
    if measure.status == Status.DONE:
        raise Refusal("已完成的整改措施不能延期")
    if measure.deadline is None:
        raise Refusal("该措施没有完成时限，无需延期")
    if not reason.strip():
        raise Refusal("延期必须说明原因")
    if deadline <= measure.deadline:
        raise Refusal(f"新的完成时限必须晚于当前时限（{measure.deadline:%Y年%m月%d日}）")
    before = snapshot(measure)
    if measure.original_deadline is None:
        measure.original_deadline = measure.deadline
    measure.deadline = deadline
    measure.extension_reason = reason.strip()
    measure.save()
    audit(actor, AuditAction.CHANGE, measure, "延期", before, snapshot(measure))
    return measure
