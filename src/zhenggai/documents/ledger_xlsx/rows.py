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
    """

    problem: str
    measure: str
    source: str = ""
    aspect: str = ""
    category: str = ""
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

    @property
    def problem_count(self) -> int:
        """How many problems the rows describe."""
        return len({row.problem_ref for row in self.rows})


#: What each field of a ledger row is called when an import report says where a column went.
FIELD_LABELS = {
    "number": "序号",
    "source": "问题来源",
    "aspect": "查摆方面",
    "category": "问题类别",
    "problem": "问题描述",
    "measure": "整改措施",
    "owner": "责任人",
    "unit": "责任单位",
    "term": "整改类型",
    "deadline": "整改时限",
    "progress": "整改进展",
    "status": "完成情况",
    "evidence": "佐证材料",
}
