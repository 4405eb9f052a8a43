"""Progress (整改进展) and evidence (佐证材料): files and rows stored together or not at all."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.access import can_edit_measure
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import Evidence, Measure, Progress, Status
from zhenggai.ledger.services.common import atomic_with_files, audit, refuse_if_closed
from zhenggai.ledger.services.status import apply_status
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import User


def _store_all(
    actor: User, measure: Measure, uploads: Sequence[Any], progress: Progress | None, written: list[str]
) -> list[Evidence]:
    """Write the files and their rows; `written` collects stored names so the caller can clean up."""
    for upload in uploads:
        files.check(upload)
    stored: list[Evidence] = []
    for upload in uploads:
        name, stored_name, size, sha = files.store(upload)
        written.append(stored_name)
        item = Evidence.objects.create(
            measure=measure,
            progress=progress,
            name=name,
            stored_name=stored_name,
            size=size,
            sha256=sha,
            uploaded_by=actor,
        )
        audit(actor, AuditAction.CREATE, item, "上传佐证材料", None, snapshot(item))
        stored.append(item)
    return stored


def _check_progress(
    actor: User, measure: Measure, text: str, when: datetime.date, status: str, today: datetime.date
) -> None:
    """The rules of a progress entry, checked on the locked measure before anything is written."""
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能填报本人负责的整改措施的进展")
    if not text.strip():
        raise Refusal("进展情况不能为空")
    if when > today:
        raise Refusal("进展日期不能晚于今天")
    if status != measure.status and measure.problem.is_closed:
        raise Refusal("该问题已销号，如需修改状态请先重新打开问题")


def post_progress(
    actor: User,
    measure: Measure,
    *,
    text: str,
    date: datetime.date | None = None,
    status: str | None = None,
    files_: Sequence[Any] = (),
    completion_note: str = "",
    blocked_reason: str = "",
    review_date: datetime.date | None = None,
) -> Progress:
    """整改进展: a dated note with evidence files and, optionally, a new status — all or nothing."""
    today = dates.today()

    def work(written: list[str]) -> Progress:
        locked = (
            Measure.objects.select_for_update().select_related("problem", "organisation").get(pk=measure.pk)
        )
        when, new_status = date or today, status or locked.status
        _check_progress(actor, locked, text, when, new_status, today)
        progress = Progress.objects.create(
            measure=locked,
            date=when,
            text=text.strip(),
            author=actor,
            status_before=locked.status,
            status_after=new_status,
        )
        audit(actor, AuditAction.CREATE, progress, "填报整改进展", None, snapshot(progress))
        _store_all(actor, locked, files_, progress, written)
        if new_status != locked.status or (new_status == Status.DONE and completion_note.strip()):
            before = snapshot(locked)
            apply_status(
                locked,
                new_status,
                completion_note=completion_note,
                blocked_reason=blocked_reason,
                review_date=review_date,
                today=today,
            )
            locked.save()
            audit(actor, AuditAction.CHANGE, locked, "状态变更", before, snapshot(locked))
        return progress

    return atomic_with_files(work)


def add_evidence(actor: User, measure: Measure, uploads: Sequence[Any]) -> list[Evidence]:
    """Store evidence files (佐证材料) on a measure without a progress entry, each one audited.

    All files or none: on refusal the files already written are removed. Raises Forbidden unless the
    actor manages the measure's organisation or owns it; Refusal when no file is given or one is too
    big, empty or of a kind not kept.
    """

    def work(written: list[str]) -> list[Evidence]:
        if not can_edit_measure(actor, measure):
            raise Forbidden("您只能为本人负责的整改措施上传佐证材料")
        if not uploads:
            raise Refusal("请选择要上传的文件")
        return _store_all(actor, measure, uploads, None, written)

    return atomic_with_files(work)


def _keep_done_proved(measure: Measure, removing: int) -> None:
    if measure.status == Status.DONE and measure.evidence.count() - removing < 1:
        raise Refusal("该措施已完成，至少要保留一份佐证材料")


@transaction.atomic
def delete_evidence(actor: User, item: Evidence) -> None:
    """Delete one evidence file: its row at once (audited), the file on disk once the transaction commits.

    Raises Forbidden unless the actor manages the measure's organisation or owns it; Refusal when the
    problem is closed (销号) or the file is the last evidence of a done measure.
    """
    measure = item.measure
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能删除本人负责的整改措施的佐证材料")
    refuse_if_closed(measure.problem)
    _keep_done_proved(measure, 1)
    audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
    stored_name = item.stored_name
    item.delete()
    transaction.on_commit(lambda: files.remove(stored_name))


@transaction.atomic
def delete_progress(actor: User, progress: Progress) -> None:
    """Delete a progress entry and its files (its author or the office)."""
    measure = progress.measure
    if not (can_manage(actor, measure.organisation) or progress.author_id == actor.pk):
        raise Forbidden("只有填报人或办公室可以删除这条进展")
    refuse_if_closed(measure.problem)
    its_files = list(progress.evidence.all())
    _keep_done_proved(measure, len(its_files))
    for item in its_files:
        audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
    audit(actor, AuditAction.DELETE, progress, "删除整改进展", snapshot(progress), None)
    stored = [item.stored_name for item in its_files]
    for item in its_files:
        item.delete()
    progress.delete()
    transaction.on_commit(lambda: files.remove_all(stored))
