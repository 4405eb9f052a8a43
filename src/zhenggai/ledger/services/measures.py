"""Services on measures: create, change, delete and extend (延期) — each one transaction, audited."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.db import transaction

from zhenggai.core import dates
from zhenggai.core.errors import Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.access import may_own, owner_rule, unit_rule
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import TERMS, Measure, Problem, Status, Term
from zhenggai.ledger.services.common import (
    audit,
    lock_measure,
    lock_problem,
    must_manage,
    next_number,
    refuse_if_closed,
    save_changes,
)
from zhenggai.ledger.versions import check_version
from zhenggai.orgs.models import Organisation, User


def check_measure(
    measure: Measure, before: dict[str, Any] | None = None, owners: Collection[int] | None = None
) -> None:
    """The rules of a measure's fields, for every writer (services, bulk insert); Refusal when one says no.

    Text, term, a deadline for 限期整改, a number; an owner who may answer for a measure of its
    organisation (see access.eligible_owners) and a unit within it — checked when they are set,
    i.e. new (`before` None) or changed from `before`: a measure keeps an owner who has left since.
    `owners`, when the caller has them, are the ids of the eligible people (one query for many rows).
    """
    if not measure.text.strip():
        raise Refusal("整改措施内容不能为空")
    if measure.term not in TERMS:
        raise Refusal("整改时限类型无效，应为立行立改、限期整改或长期坚持")
    if measure.term == Term.DEADLINE and measure.deadline is None:
        raise Refusal("限期整改的措施必须填写完成时限")
    if measure.number is None:
        raise Refusal("序号不能为空")
    org: Organisation = measure.organisation
    owner, unit = measure.owner, measure.unit
    if owner is not None and (before is None or before["owner_id"] != owner.pk):
        allowed = owner.pk in owners if owners is not None else may_own(owner, org)
        if not allowed:
            raise Refusal(owner_rule(org))
    if unit is not None and (before is None or before["unit_id"] != unit.pk) and not unit.is_within(org):
        raise Refusal(unit_rule(org))


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
    closed (销号) or a rule of check_measure() says no (empty text, unknown term, 限期整改 without a
    deadline, an owner or unit outside the organisation). One transaction on the locked problem:
    nothing is written on refusal.
    """
    problem = lock_problem(problem.pk)
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
    check_measure(measure)
    measure.refresh_search_text()
    measure.save()
    audit(actor, AuditAction.CREATE, measure, "新增整改措施", None, snapshot(measure))
    return measure


MEASURE_FIELDS = {"text", "term", "deadline", "owner", "unit", "number"}


@transaction.atomic
def update_measure(actor: User, measure: Measure, *, version: int | None = None, **fields: Any) -> Measure:
    """Change what a measure is (MEASURE_FIELDS) on the freshly locked row; only changed fields are saved,
    audited, and the version raised. A deadline already set changes only by extend_deadline().

    Raises Forbidden unless the actor manages its organisation; Conflict (409) when `version` is not
    the current one; Refusal under a closed problem, for another field, or when check_measure() says no.
    """
    measure = lock_measure(measure.pk)
    must_manage(actor, measure.organisation)
    check_version(measure, version)
    refuse_if_closed(measure.problem)
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise Refusal(f"不能在此修改整改措施的这些字段：{'、'.join(sorted(unknown))}")
    if "deadline" in fields and measure.deadline is not None and fields["deadline"] != measure.deadline:
        raise Refusal("已定的完成时限不能直接修改，请办理延期并说明原因")
    before = snapshot(measure)
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    check_measure(measure, before)
    measure.refresh_search_text()
    save_changes(actor, measure, before, "修改整改措施")
    return measure


@transaction.atomic
def move_measure(actor: User, measure: Measure, problem: Problem, *, version: int | None = None) -> Measure:
    """Put a measure under another problem of the same source (an Excel row moved into another problem's
    block): numbered after that problem's last measure, audited (移动整改措施, the old and new problem in
    its snapshots). Both problems locked in id order, then the measure.

    Raises Forbidden unless the actor manages both problems' organisations, Conflict on a stale
    `version`, Refusal when either problem is closed, the problems' sources differ, or the measure's
    owner or unit may not answer for the other problem's organisation.
    """
    locked = {
        pk: lock_problem(pk) for pk in sorted({problem.pk, measure.problem_id})
    }  # one order: no deadlock
    target = locked[problem.pk]
    measure = lock_measure(measure.pk)
    must_manage(actor, measure.organisation)
    must_manage(actor, target.organisation)
    check_version(measure, version)
    if target.pk == measure.problem_id:
        return measure
    refuse_if_closed(measure.problem)
    refuse_if_closed(target)
    if target.source_id != measure.problem.source_id:
        raise Refusal("整改措施只能移到同一问题来源的另一个问题下")
    before = snapshot(measure)
    measure.problem, measure.organisation = target, target.organisation
    measure.number = next_number(Measure.objects.filter(problem=target))
    check_measure(measure, {**before, "owner_id": None, "unit_id": None})  # both checked for the new place
    measure.refresh_search_text()
    save_changes(actor, measure, before, "移动整改措施")
    return measure


@transaction.atomic
def delete_measure(actor: User, measure: Measure, *, version: int | None = None) -> None:
    """Delete a measure with its progress and evidence, every row audited; one transaction on the locked row.

    The evidence files leave the disk only once the transaction commits. Raises Forbidden unless the
    actor manages the measure's organisation, Conflict when `version` is not the current one (one
    would delete what one has not seen), Refusal when its problem is closed (销号).
    """
    measure = lock_measure(measure.pk)
    must_manage(actor, measure.organisation)
    check_version(measure, version)
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
def extend_deadline(
    actor: User, measure: Measure, *, deadline: datetime.date, reason: str, version: int | None = None
) -> Measure:
    """延期: the office moves the deadline; the first deadline and the reason are kept.

    An extension granted after the deadline passed keeps that deadline in `missed_deadline`: the
    measure was late, and stays finished late whenever it is done (see status.apply_status). The
    version is checked (Conflict) because two extensions at once would each overwrite the other's
    reason. Raises Forbidden unless the actor manages the organisation; Refusal under a closed
    problem, for a done measure, one without a deadline, no reason, or a deadline not later.
    """
    measure = lock_measure(measure.pk)
    must_manage(actor, measure.organisation)
    check_version(measure, version)
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
    if measure.missed_deadline is None and dates.today() > measure.deadline:
        measure.missed_deadline = measure.deadline
    measure.deadline = deadline
    measure.extension_reason = reason.strip()
    save_changes(actor, measure, before, "延期")
    return measure
