"""The neutral row type of a rectification ledger (整改台账) and the result of reading one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LedgerRow:
    """One measure of the ledger as a spreadsheet row; rows with the same `problem_ref` share a problem.

    `row` is the row number in the sheet (0 for rows that do not come from a sheet). `problem_ref`
    tells which rows belong to one problem: when reading, the problem's order in the sheet (1, 2, …);
    when writing, any key (a database id) that is equal on consecutive rows of the same problem.
    `key` is empty for a row the system has not written (a new measure typed into the sheet).
    """

    problem: str
    measure: str
    source: str = ""
    aspect: str = ""
    category: str = ""
    #: The 推进组 (work group of a campaign) driving the row's problem, by name; several joined by “、”.
    workgroup: str = ""
    owner: str = ""
    unit: str = ""
    deadline: dt.date | None = None
    term: str | None = None
    progress: str = ""
    status: str = "not_started"
    evidence: str = ""
    number: str = ""
    row: int = 0
    problem_ref: int = 0
    #: The stable key an export writes (“123”, the measure's id): a re-import updates that measure.
    key: str = ""
    completed_on: dt.date | None = None
    review_date: dt.date | None = None
    blocked_reason: str = ""
    #: The 完成情况 cell was empty: a new measure starts as 未启动, an existing one keeps its status.
    status_blank: bool = False

    def same_content(self, other: LedgerRow) -> bool:
        """True when both rows say the same thing (sheet position and numbering aside)."""
        return _content(self) == _content(other)


def _content(row: LedgerRow) -> tuple[object, ...]:
    return (
        row.problem,
        row.measure,
        row.source,
        row.aspect,
        row.category,
        row.owner,
        row.unit,
        row.deadline,
        row.term,
        row.progress,
        row.status,
        row.evidence,
    )


@dataclass(frozen=True)
class LedgerIssue:
    """A problem found while reading: `row` and `column` (the header as written) say where."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else ""
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}：{self.message}" if where else self.message


@dataclass(frozen=True)
class ColumnMapping:
    """How one column of the sheet was understood: its header and the field it fills (None: ignored)."""

    column: int
    header: str
    field: str | None
    note: str = ""


@dataclass
class LedgerSheet:
    """What reading a ledger gave: rows, and the errors that refuse the file or warnings that do not."""

    name: str
    sheet: str = ""
    title: str = ""
    header_row: int = 0
    columns: list[ColumnMapping] = field(default_factory=list)
    rows: list[LedgerRow] = field(default_factory=list)
    errors: list[LedgerIssue] = field(default_factory=list)
    warnings: list[LedgerIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing refuses the file: it may be stored."""
        return not self.errors

    def header(self, name: str) -> str:
        """The header of the column that fills field `name` as the sheet writes it, else its usual label."""
        return next((c.header for c in self.columns if c.field == name), FIELD_LABELS.get(name, name))

    def has(self, name: str) -> bool:
        """True when the sheet has a column for field `name`."""
        return any(c.field == name for c in self.columns)

    @property
    def problem_count(self) -> int:
        """How many problems the rows describe."""
        return len({row.problem_ref for row in self.rows})


#: The header of the column holding each row's stable key (hidden in an exported workbook).
KEY_HEADER = "系统编号（请勿修改）"

#: What each field of a ledger row is called when an import report says where a column went.
FIELD_LABELS = {
    "number": "序号",
    "source": "问题来源",
    "aspect": "查摆方面",
    "category": "问题类别",
    "workgroup": "推进组",
    "problem": "问题描述",
    "measure": "整改措施",
    "owner": "责任人",
    "unit": "责任单位",
    "term": "整改类型",
    "deadline": "整改时限",
    "progress": "整改进展",
    "status": "完成情况",
    "evidence": "佐证材料",
    "completed_on": "完成日期",
    "review_date": "复查日期",
    "blocked_reason": "暂缓原因",
    "key": KEY_HEADER,
}
