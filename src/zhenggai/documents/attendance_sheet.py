"""A branch's attendance sheet (支部组织生活参会情况表) as offices keep it: one line per leader and
meeting, the meeting's date, kind and topic written once for several lines (merged cells) or on
every line.

Pure reading: the rows of a sheet in, the lines found and what could not be read out (row and
column named, in Chinese). Which person a name is, and whether a kind or presence word is known,
is the system's business (zhenggai.records.attendance_import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from zhenggai.documents.ledger_xlsx import DeadlineError, first_sheet_rows, parse_deadline

#: Column → the headers offices write for it.
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "会议日期", "时间", "会议时间", "召开时间"),
    "kind": ("类型", "会议类型", "形式", "组织生活形式"),
    "topic": ("主题", "会议主题", "内容", "主要内容"),
    "name": ("姓名", "领导干部", "参会人员", "人员", "党员姓名"),
    "presence": ("出席情况", "参会情况", "出席", "是否参加", "是否出席"),
    "reason": ("缺席原因", "原因", "备注", "请假原因"),
}
LABELS = {
    "date": "日期",
    "kind": "会议类型",
    "topic": "主题",
    "name": "姓名",
    "presence": "出席情况",
    "reason": "缺席原因",
}
REQUIRED = ("date", "kind", "topic", "name", "presence")
#: A meeting's date, kind and topic carry down to the lines below that leave them blank.
CARRIED = ("date", "kind", "topic")


@dataclass(frozen=True)
class AttendanceLine:
    """One leader at one meeting, as the sheet says (row is the sheet's row number)."""

    row: int
    date: dt.date
    kind: str
    topic: str
    name: str
    presence: str
    reason: str


@dataclass
class AttendanceSheet:
    """The lines read and the problems found: (row, column label or None, message)."""

    lines: list[AttendanceLine] = field(default_factory=list)
    errors: list[tuple[int, str | None, str]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _header(rows: list[tuple[int, Sequence[Any]]]) -> tuple[int, dict[str, int]] | None:
    """(row number, column → index) of the first of the first ten rows naming most columns."""
    for number, values in rows[:10]:
        columns: dict[str, int] = {}
        for index, value in enumerate(values):
            text = _text(value).replace(" ", "")
            for column, names in HEADERS.items():
                if column not in columns and text in names:
                    columns[column] = index
        if sum(c in columns for c in REQUIRED) >= 3:
            return number, columns
    return None


def read_attendance(rows: Iterable[Sequence[Any]]) -> AttendanceSheet:
    """The attendance lines of a sheet's rows (row 1 first)."""
    numbered = list(enumerate(rows, 1))
    result = AttendanceSheet()
    found = _header(numbered)
    if found is None:
        result.errors.append(
            (0, None, "找不到表头：前10行中没有“日期”“会议类型”“主题”“姓名”“出席情况”等列名")
        )
        return result
    header, columns = found
    missing = [LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        result.errors.append((header, None, f"缺少列：{'、'.join(missing)}"))
        return result
    carried: dict[str, Any] = {}
    for number, values in numbered[header:]:
        cell = {c: values[i] if i < len(values) else None for c, i in columns.items()}
        if not any(_text(v) for v in cell.values()):
            continue
        for column in CARRIED:
            if _text(cell[column]):
                carried[column] = cell[column]
            else:
                cell[column] = carried.get(column)
        line = _line(number, cell, result)
        if line is not None:
            result.lines.append(line)
    return result


def _line(number: int, cell: dict[str, Any], result: AttendanceSheet) -> AttendanceLine | None:
    for column in REQUIRED:
        if not _text(cell[column]):
            result.errors.append((number, LABELS[column], f"{LABELS[column]}不能为空"))
            return None
    try:
        date = parse_deadline(cell["date"]).date
    except DeadlineError:
        date = None
    if date is None:
        result.errors.append((number, "日期", f"无法识别日期“{_text(cell['date'])}”，请写成“2022年3月1日”"))
        return None
    return AttendanceLine(
        number,
        date,
        _text(cell["kind"]),
        _text(cell["topic"]),
        _text(cell["name"]),
        _text(cell["presence"]),
        _text(cell.get("reason")),
    )


def read_attendance_file(data: bytes, name: str) -> AttendanceSheet:
    """An attendance workbook (.xlsx, .xls or .ods; its first sheet) read as read_attendance() does;
    DocumentError when the file is refused or unreadable.
    """
    return read_attendance(first_sheet_rows(data, name))
