"""Every change to the ledger, with its state rules, one transaction each, each audited.

Views, the API, imports and commands call these functions and nothing else to change the ledger.
A refused change raises Refusal (or Forbidden) with a message in Chinese and leaves the
database and the evidence folder as they were.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger import evidence as files
from zhenggai.ledger.access import can_edit_measure
from zhenggai.ledger.audit import AuditAction, record, snapshot
from zhenggai.ledger.models import Evidence, Measure, Problem, Progress, Source, Status, Term
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import Organisation, User

__all__ = [
    "add_evidence",
    "change_status",
    "close_problem",
    "create_measure",
    "create_problem",
    "delete_evidence",
    "delete_measure",
    "delete_problem",
    "delete_progress",
    "extend_deadline",
    "post_progress",
    "reopen_problem",
    "update_measure",
    "update_problem",
]


def must_manage(actor: User, org: Organisation) -> None:
    if not can_manage(actor, org):
        raise Forbidden(f"您没有管理“{org}”整改台账的权限")


def audit(actor: User, action: str, obj: Any, summary: str, before: Any, after: Any) -> None:
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


# --- problems -------------------------------------------------------------------------------


def _next_number(queryset: Any) -> int:
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


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
        number=number or _next_number(Problem.objects.filter(source=source)),
    )
    problem.save()
    audit(actor, AuditAction.CREATE, problem, "新增问题", None, snapshot(problem))
    return problem


PROBLEM_FIELDS = {"description", "aspect", "category", "number"}


@transaction.atomic
def update_problem(actor: User, problem: Problem, **fields: Any) -> Problem:
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


# --- measures -------------------------------------------------------------------------------


def _check_measure(measure: Measure) -> None:
    if not measure.text.strip():
        raise Refusal("整改措施内容不能为空")
    if measure.term not in Term.values:
        raise Refusal("整改时限类型无效，应为立行立改、限期整改或长期坚持")
    if measure.term == Term.DEADLINE and measure.deadline is None:
        raise Refusal("限期整改的措施必须填写完成时限")
    if measure.owner is not None and not measure.owner.is_active:
        raise Refusal(f"责任人“{measure.owner}”已停用")


def _refuse_if_closed(problem: Problem) -> None:
    if problem.is_closed:
        raise Refusal("该问题已销号，如需修改请先重新打开问题")


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
    must_manage(actor, problem.organisation)
    _refuse_if_closed(problem)
    measure = Measure(
        problem=problem,
        organisation=problem.organisation,
        text=text.strip(),
        term=term,
        deadline=deadline,
        owner=owner,
        unit=unit,
        number=number or _next_number(Measure.objects.filter(problem=problem)),
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
    _refuse_if_closed(measure.problem)
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
    must_manage(actor, measure.organisation)
    _refuse_if_closed(measure.problem)
    stored = []
    for item in measure.evidence.all():
        audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
        stored.append(item.stored_name)
    for progress in measure.progress.all():
        audit(actor, AuditAction.DELETE, progress, "删除整改进展", snapshot(progress), None)
    audit(actor, AuditAction.DELETE, measure, "删除整改措施", snapshot(measure), None)
    measure.delete()
    transaction.on_commit(lambda: [files.remove(s) for s in stored])


@transaction.atomic
def extend_deadline(actor: User, measure: Measure, *, deadline: datetime.date, reason: str) -> Measure:
    """延期: the office moves the deadline; the first deadline and the reason are kept."""
    must_manage(actor, measure.organisation)
    _refuse_if_closed(measure.problem)
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


def _apply_status(
    measure: Measure,
    status: str,
    *,
    completion_note: str,
    blocked_reason: str,
    review_date: datetime.date | None,
    today: datetime.date,
) -> None:
    """The status rules; changes `measure` in memory, raises Refusal when a rule says no."""
    if status not in Status.values:
        raise Refusal("状态无效，应为未启动、正在推进、已完成或暂不具备整改条件")
    if measure.problem.is_closed:
        raise Refusal("该问题已销号，如需修改状态请先重新打开问题")
    if status == Status.DONE:
        note = completion_note.strip() or measure.completion_note
        if not note:
            raise Refusal("标记为已完成必须填写完成情况说明")
        if not measure.evidence.exists():
            raise Refusal("标记为已完成必须上传至少一份佐证材料")
        measure.completion_note = note
        if measure.status != Status.DONE:
            measure.completed_on = today
            # Late stays late: once set, nothing clears it.
            if measure.deadline is not None and today > measure.deadline:
                measure.finished_late = True
    elif status == Status.BLOCKED:
        if not blocked_reason.strip():
            raise Refusal("标记为暂不具备整改条件必须说明原因")
        if review_date is None:
            raise Refusal("标记为暂不具备整改条件必须填写复查日期")
        if review_date < today:
            raise Refusal("复查日期不能早于今天")
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
) -> Measure:
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能修改本人负责的整改措施")
    before = snapshot(measure)
    _apply_status(
        measure,
        status,
        completion_note=completion_note,
        blocked_reason=blocked_reason,
        review_date=review_date,
        today=dates.today(),
    )
    measure.save()
    audit(actor, AuditAction.CHANGE, measure, "状态变更", before, snapshot(measure))
    return measure


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


def _atomic_with_files(work: Any) -> Any:
    """Run `work(written)` in one transaction; if it fails, the files it wrote are removed too."""
    written: list[str] = []
    try:
        with transaction.atomic():
            return work(written)
    except BaseException:
        for stored_name in written:
            files.remove(stored_name)
        raise


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
        if not can_edit_measure(actor, locked):
            raise Forbidden("您只能填报本人负责的整改措施的进展")
        if not text.strip():
            raise Refusal("进展情况不能为空")
        when = date or today
        if when > today:
            raise Refusal("进展日期不能晚于今天")
        new_status = status or locked.status
        if new_status != locked.status and locked.problem.is_closed:
            raise Refusal("该问题已销号，如需修改状态请先重新打开问题")
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
            _apply_status(
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

    return _atomic_with_files(work)


def add_evidence(actor: User, measure: Measure, uploads: Sequence[Any]) -> list[Evidence]:
    def work(written: list[str]) -> list[Evidence]:
        if not can_edit_measure(actor, measure):
            raise Forbidden("您只能为本人负责的整改措施上传佐证材料")
        if not uploads:
            raise Refusal("请选择要上传的文件")
        return _store_all(actor, measure, uploads, None, written)

    return _atomic_with_files(work)  # type: ignore[no-any-return]


def _keep_done_proved(measure: Measure, removing: int) -> None:
    if measure.status == Status.DONE and measure.evidence.count() - removing < 1:
        raise Refusal("该措施已完成，至少要保留一份佐证材料")


@transaction.atomic
def delete_evidence(actor: User, item: Evidence) -> None:
    measure = item.measure
    if not can_edit_measure(actor, measure):
        raise Forbidden("您只能删除本人负责的整改措施的佐证材料")
    _refuse_if_closed(measure.problem)
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
    _refuse_if_closed(measure.problem)
    its_files = list(progress.evidence.all())
    _keep_done_proved(measure, len(its_files))
    for item in its_files:
        audit(actor, AuditAction.DELETE, item, "删除佐证材料", snapshot(item), None)
    audit(actor, AuditAction.DELETE, progress, "删除整改进展", snapshot(progress), None)
    stored = [item.stored_name for item in its_files]
    for item in its_files:
        item.delete()
    progress.delete()
    transaction.on_commit(lambda: [files.remove(s) for s in stored])
