"""A measure's status and its rules: 已完成 needs a note and evidence, 暂不具备整改条件 a reason and a date."""

from __future__ import annotations

import datetime

from django.db import transaction

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger.access import can_edit_measure
from zhenggai.ledger.audit import snapshot
from zhenggai.ledger.models import STATUSES, Measure, Status
from zhenggai.ledger.services.common import lock_measure, save_changes
from zhenggai.ledger.versions import check_version
from zhenggai.orgs.models import User


def status_rule_broken(
    status: str,
    completion_note: str,
    blocked_reason: str,
    review_date: datetime.date | None,
    today: datetime.date,
) -> tuple[str, str] | None:
    """The first rule of a status's own fields that says no, as (field, Chinese message), else None.

    已完成 needs a completion note; 暂不具备整改条件 a reason and a review date not before today. The
    evidence rule needs stored files and is apply_status()'s; the Excel import checks its rows here.
    """
    if status == Status.DONE and not completion_note.strip():
        return "completion_note", "标记为已完成必须填写完成情况说明"
    if status == Status.BLOCKED:
        if not blocked_reason.strip():
            return "blocked_reason", "标记为暂不具备整改条件必须说明原因"
        if review_date is None:
            return "review_date", "标记为暂不具备整改条件必须填写复查日期"
        if review_date < today:
            return "review_date", "复查日期不能早于今天"
    return None


def _refuse_if_broken(
    status: str, note: str, reason: str, review_date: datetime.date | None, today: datetime.date
) -> None:
    broken = status_rule_broken(status, note, reason, review_date, today)
    if broken is not None:
        raise Refusal(broken[1])


def finished_late(measure: Measure, completed_on: datetime.date) -> bool:
    """True when a measure done on `completed_on` is late: after the deadline in force, or its deadline
    had been missed before an extension (late stays late), or it was marked late already.
    """
    past = measure.deadline is not None and completed_on > measure.deadline
    return past or measure.missed_deadline is not None or measure.finished_late


def apply_status(
    measure: Measure,
    status: str,
    *,
    completion_note: str,
    blocked_reason: str,
    review_date: datetime.date | None,
    today: datetime.date,
) -> None:
    """The status rules; changes `measure` in memory, raises Refusal when a rule says no."""
    if status not in STATUSES:
        raise Refusal("状态无效，应为未启动、正在推进、已完成或暂不具备整改条件")
    if measure.problem.is_closed:
        raise Refusal("该问题已销号，如需修改状态请先由书记或办公室在问题页面重新打开问题")
    if status == Status.DONE:
        note = completion_note.strip() or measure.completion_note
        _refuse_if_broken(status, note, blocked_reason, review_date, today)
        if not measure.evidence.exists():
            raise Refusal("标记为已完成必须上传至少一份佐证材料")
        measure.completion_note = note
        if measure.status != Status.DONE:
            measure.completed_on = today
            # Late stays late: once set, nothing clears it; and a deadline missed before an extension
            # was missed (glossary: done after the deadline that was in force).
            measure.finished_late = finished_late(measure, today)
    elif status == Status.BLOCKED:
        _refuse_if_broken(status, completion_note, blocked_reason, review_date, today)
        measure.blocked_reason = blocked_reason.strip()
        measure.review_date = review_date
        measure.completed_on = None
    else:
        measure.completed_on = None
    measure.status = status


@transaction.atomic
def change_status(
    actor: User,
    measure: Measure,
    status: str,
    *,
    completion_note: str = "",
    blocked_reason: str = "",
    review_date: datetime.date | None = None,
    version: int | None = None,
) -> Measure:
    """Set a measure's status under the status rules (see apply_status); one transaction on the locked
    row, audited, its version raised.

    The version is checked (Conflict, 409): two people changing the status at once must not have the
    second undo the first unseen. Raises Forbidden unless the actor manages the measure's organisation
    or owns it, Refusal when a rule says no. No progress entry is written: post_progress() is the way
    that leaves a note.
    """
    measure = lock_measure(measure.pk, shared_problem=True)
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能修改本人负责的整改措施")
    check_version(measure, version)
    before = snapshot(measure)
    apply_status(
        measure,
        status,
        completion_note=completion_note,
        blocked_reason=blocked_reason,
        review_date=review_date,
        today=dates.today(),
    )
    save_changes(actor, measure, before, "状态变更")
    return measure
