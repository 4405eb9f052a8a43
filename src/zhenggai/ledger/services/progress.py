"""Progress (整改进展) and evidence (佐证材料): files and rows stored together or not at all."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from zhenggai.core import dates
from zhenggai.core.errors import Conflict, Forbidden, Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.access import can_edit_measure
from zhenggai.ledger.audit import AuditAction, snapshot
from zhenggai.ledger.models import Evidence, Measure, Progress, Status
from zhenggai.ledger.services.common import (
    atomic_with_files,
    audit,
    lock_measure,
    refuse_if_closed,
    save_changes,
)
from zhenggai.ledger.services.status import apply_status
from zhenggai.ledger.versions import check_version
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
    actor: User, measure: Measure, text: str, when: datetime.date, today: datetime.date
) -> None:
    """The rules of a progress entry, checked on the locked measure before anything is written."""
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能填报本人负责的整改措施的进展")
    refuse_if_closed(measure.problem)
    if not text.strip():
        raise Refusal("进展情况不能为空")
    if when > today:
        raise Refusal("进展日期不能晚于今天")


def _note(actor: User, measure: Measure, when: datetime.date, text: str, status: str) -> Progress:
    """The progress row itself, audited; the measure's status before it and the one it asks for."""
    progress = Progress.objects.create(
        measure=measure,
        date=when,
        text=text.strip(),
        author=actor,
        status_before=measure.status,
        status_after=status,
    )
    audit(actor, AuditAction.CREATE, progress, "填报整改进展", None, snapshot(progress))
    return progress


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
    version: int | None = None,
) -> Progress:
    """整改进展: a dated note with evidence files and, optionally, a new status — all or nothing.

    Notes are added, never overwrite one another: two people posting at once both keep theirs, and
    `version` is checked (Conflict, 409) only when the post changes the measure itself (a new status,
    or a new completion note), as change_status() does. Raises Forbidden unless the actor manages the
    measure's organisation or owns it; Refusal under a closed (销号) problem, for an empty text, a
    date after today, a file not kept, or a status rule.
    """
    today = dates.today()

    def work(written: list[str]) -> Progress:
        locked = lock_measure(measure.pk, shared_problem=True)
        when, new_status = date or today, status or locked.status
        _check_progress(actor, locked, text, when, today)
        changes_measure = new_status != locked.status or (
            new_status == Status.DONE and completion_note.strip()
        )
        if changes_measure:
            check_version(locked, version)
        progress = _note(actor, locked, when, text, new_status)
        _store_all(actor, locked, files_, progress, written)
        if changes_measure:
            before = snapshot(locked)
            apply_status(
                locked,
                new_status,
                completion_note=completion_note,
                blocked_reason=blocked_reason,
                review_date=review_date,
                today=today,
            )
            save_changes(actor, locked, before, "状态变更")
        return progress

    return atomic_with_files(work)


def add_evidence(actor: User, measure: Measure, uploads: Sequence[Any]) -> list[Evidence]:
    """Store evidence files (佐证材料) on a measure without a progress entry, each one audited.

    All files or none: on refusal the files already written are removed. Files are added, so no
    version is asked for. Raises Forbidden unless the actor manages the measure's organisation or owns
    it; Refusal under a closed (销号) problem, when no file is given or one is too big, empty or of a
    kind not kept.
    """

    def work(written: list[str]) -> list[Evidence]:
        locked = lock_measure(measure.pk, shared_problem=True)
        if not can_edit_measure(actor, locked):
            raise Forbidden("您只能为本人负责的整改措施上传佐证材料")
        refuse_if_closed(locked.problem)
        if not uploads:
            raise Refusal("请选择要上传的文件")
        return _store_all(actor, locked, uploads, None, written)

    return atomic_with_files(work)


def _keep_done_proved(measure: Measure, removing: int) -> None:
    if measure.status == Status.DONE and measure.evidence.count() - removing < 1:
        raise Refusal("该措施已完成，至少要保留一份佐证材料")


@transaction.atomic
def delete_evidence(actor: User, item: Evidence) -> None:
    """Delete one evidence file: its row at once (audited), the file on disk once the transaction commits.

    The measure is locked first, so two deletions at once cannot leave a done measure without
    evidence. Raises Forbidden unless the actor manages the measure's organisation or owns it;
    Conflict when the file is gone already; Refusal when the problem is closed (销号) or the file is
    the last evidence of a done measure.
    """
    measure = lock_measure(item.measure_id, shared_problem=True)
    found = Evidence.objects.select_for_update().filter(pk=item.pk).first()
    if found is None:
        raise Conflict("该佐证材料已被删除")
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能删除本人负责的整改措施的佐证材料")
    refuse_if_closed(measure.problem)
    _keep_done_proved(measure, 1)
    found.measure = measure
    audit(actor, AuditAction.DELETE, found, "删除佐证材料", snapshot(found), None)
    stored_name = found.stored_name
    found.delete()
    transaction.on_commit(lambda: files.remove(stored_name))


@transaction.atomic
def delete_progress(actor: User, progress: Progress) -> None:
    """Delete a progress entry and its files (its author or the office); one transaction on the locked
    measure, every row audited, the files removed once it commits.

    Raises Forbidden for anyone else, Conflict when the entry is gone already, Refusal when the
    problem is closed (销号) or its files are the last evidence of a done measure.
    """
    measure = lock_measure(progress.measure_id, shared_problem=True)
    found = Progress.objects.select_for_update().filter(pk=progress.pk).first()
    if found is None:
        raise Conflict("该条进展已被删除")
    if not (can_manage(actor, measure.organisation) or found.author_id == actor.pk):
        raise Forbidden("只有填报人或办公室可以删除这条进展")
    refuse_if_closed(measure.problem)
    its_files = list(found.evidence.all())
    _keep_done_proved(measure, len(its_files))
    found.measure = measure
    for item in its_files:
        item.measure = measure
        audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
    audit(actor, AuditAction.DELETE, found, "删除整改进展", snapshot(found), None)
    stored = [item.stored_name for item in its_files]
    for item in its_files:
        item.delete()
    found.delete()
    transaction.on_commit(lambda: files.remove_all(stored))
