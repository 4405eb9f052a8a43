"""A new measure from a ledger row, checked by the rules the pages apply, with its status fields.

The measure's own fields go through services.measures.check_measure (text, term, a deadline for
限期整改, owner and unit); its status through services.status.status_rule_broken (已完成 needs a
completion note, 暂不具备整改条件 a reason and a review date not before today). A refusal becomes an
error naming the row and the column, in Chinese. A done row gets its completion date (the 完成日期
column, else the day of the import) and its lateness from the deadline.
"""

from __future__ import annotations

import datetime

from zhenggai.core.errors import Refusal
from zhenggai.documents.ledger_xlsx import LedgerIssue, LedgerRow, LedgerSheet
from zhenggai.ledger.models import STATUSES, Measure, Source, Status, Term
from zhenggai.ledger.services.measures import check_measure
from zhenggai.ledger.services.status import finished_late, status_rule_broken
from zhenggai.orgs.models import Organisation

#: Which column a refusal of check_measure() is about, by a word of its message.
_MESSAGE_COLUMNS = (("时限类型", "term"), ("时限", "deadline"), ("责任人", "owner"), ("责任单位", "unit"))


def column_of(message: str, default: str) -> str:
    """The field a service's refusal is about, guessed from its words; `default` when none says."""
    return next((name for word, name in _MESSAGE_COLUMNS if word in message), default)


def blocked_reason_of(row: LedgerRow) -> str:
    """Why a row cannot be rectified yet: its 暂缓原因 column, else its progress text."""
    return (row.blocked_reason or row.progress).strip()


def status_fields(sheet: LedgerSheet, row: LedgerRow, measure: Measure, today: datetime.date) -> bool:
    """Set a new measure's status and the fields its status needs from `row`; False (with an error on
    the row) when a status rule says no.
    """
    status = row.status if row.status in STATUSES else Status.NOT_STARTED
    note, reason = row.progress.strip(), blocked_reason_of(row)
    broken = status_rule_broken(status, note, reason, row.review_date, today)
    if broken is not None:
        field, message = broken
        column = {
            "completion_note": "progress",
            "blocked_reason": "blocked_reason" if sheet.has("blocked_reason") else "progress",
            "review_date": "review_date",
        }[field]
        hint = {
            "completion_note": "（写在“整改进展”列）",
            "blocked_reason": "（写在“暂缓原因”或“整改进展”列）",
            "review_date": "" if sheet.has("review_date") else "（请加一列“复查日期”）",
        }[field]
        sheet.errors.append(LedgerIssue(row.row, sheet.header(column), f"{message}{hint}。"))
        return False
    measure.status = status
    if status == Status.DONE:
        return _done(sheet, row, measure, today)
    if status == Status.BLOCKED:
        measure.blocked_reason, measure.review_date = reason, row.review_date
    return True


def _done(sheet: LedgerSheet, row: LedgerRow, measure: Measure, today: datetime.date) -> bool:
    """已完成: the note, the completion date (the column's, else today), lateness, the evidence flag."""
    completed = row.completed_on or today
    if completed > today:
        sheet.errors.append(LedgerIssue(row.row, sheet.header("completed_on"), "完成日期不能晚于今天。"))
        return False
    measure.completion_note = row.progress.strip()
    measure.completed_on = completed
    measure.finished_late = finished_late(measure, completed)
    measure.done_without_evidence = not row.evidence
    if row.completed_on is None and measure.finished_late:
        sheet.warnings.append(
            LedgerIssue(
                row.row,
                sheet.header("completed_on"),
                f"没有填写完成日期，按导入当天（{today:%Y年%m月%d日}）计，已过整改时限，记为逾期完成；"
                "如实际按期完成，请加一列“完成日期”填写。",
            )
        )
    return True


def new_measure(
    sheet: LedgerSheet, row: LedgerRow, measure: Measure, owners: set[int], today: datetime.date
) -> bool:
    """Check a new, unsaved measure (problem and organisation set) and give it its status fields;
    False, with an error on the row, when a rule says no.
    """
    measure.term = measure.term or Term.DEADLINE
    try:
        check_measure(measure, owners=owners)
    except Refusal as exc:
        column = column_of(exc.message, "measure")
        sheet.errors.append(LedgerIssue(row.row, sheet.header(column), f"{exc.message}。"))
        return False
    return status_fields(sheet, row, measure, today)


def fits(sheet: LedgerSheet, organisation: Organisation, source: Source | None) -> bool:
    """False, with the error in the sheet, when the file cannot go into this organisation and source."""
    if not sheet.rows:
        sheet.errors.append(LedgerIssue(0, None, "表格中没有可导入的整改措施。"))
    elif source is not None and not (
        organisation.path.startswith(source.organisation.path)
        or source.organisation.path.startswith(organisation.path)
    ):
        message = (
            f"问题来源“{source}”属于“{source.organisation}”，与导入的组织“{organisation}”无关，请重新选择。"
        )
        sheet.errors.append(LedgerIssue(0, None, message))
    elif source is None and (missing := [row.row for row in sheet.rows if not row.source]):
        rows = "、".join(str(n) for n in missing[:10]) + ("等" if len(missing) > 10 else "")
        message = f"第{rows}行没有填写问题来源：请补上“问题来源”列，或导入时指定问题来源。"
        sheet.errors.append(LedgerIssue(0, None, message))
    return sheet.ok
