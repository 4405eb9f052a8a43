"""Read a ledger kept in Excel, as offices keep them, into neutral rows with a row-by-row report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zhenggai.documents import regex
from zhenggai.documents.ledger_xlsx.book import READ_ERRORS, Book, BookSheet
from zhenggai.documents.ledger_xlsx.dates import DeadlineError, parse_deadline, year_in
from zhenggai.documents.ledger_xlsx.limits import damaged
from zhenggai.documents.ledger_xlsx.merges import Cell, Merges, filled
from zhenggai.documents.ledger_xlsx.rows import ColumnMapping, LedgerIssue, LedgerRow, LedgerSheet
from zhenggai.documents.ledger_xlsx.words import (
    TERM_WORDS,
    VAGUE_STATUS_WORDS,
    header_field,
    is_ignored_header,
    normalise,
    status_of,
)
from zhenggai.documents.measure_labels import STATUS_LABELS

#: Rows searched for the header row.
HEADER_SEARCH_ROWS = 30
MAX_ROWS = 200_000  # more data rows than this is refused: split the file
BLANK_STATUS = "未填写完成情况：新措施按“未启动”导入，已有措施保持原状态。"
#: Fields a problem carries; a continuation row inherits them when its own cells are empty.
PROBLEM_FIELDS = ("source", "aspect", "category", "workgroup")

#: The term words, longest first (so 限期整改 wins over 整改), sorted once rather than a row.
_TERMS_LONGEST_FIRST = sorted(TERM_WORDS, key=len, reverse=True)
_HEADING = regex.compile(r"^[一二三四五六七八九十]+[、.．]|方面[问题]*[:：]?$")
_HEADING_MARKER = regex.compile(r"^[一二三四五六七八九十]+[、.．]\s*|[:：]$")


def read_ledger_xlsx(data: bytes, name: str) -> LedgerSheet:
    """Read a ledger workbook (.xlsx, .xls or .ods); problems are in the result's errors.

    DocumentError only when the file is unreadable or refused (see `package` and `book`).
    """
    with Book(data, name) as book:
        try:
            found = _read_first_ledger(book)
        except READ_ERRORS:
            raise damaged(name) from None
    if found is not None:
        return found
    result = LedgerSheet(name=name)
    result.errors.append(
        LedgerIssue(
            0,
            None,
            "找不到表头：表格前30行中没有“问题描述”“整改措施”“责任单位”“整改时限”等列名，请检查是否为整改台账。",
        )
    )
    return result


def _read_first_ledger(book: Book) -> LedgerSheet | None:
    """The active sheet if it is a ledger, else the first sheet that is."""
    for sheet in book.sheets():
        merges = Merges(sheet.merges)
        header = _find_header(sheet, merges)
        if header is not None:
            return _SheetReader(sheet, book.name, merges, *header).read()
    return None


def _find_header(ws: BookSheet, merges: Merges) -> tuple[int, dict[int, str], list[str]] | None:
    """(row number of the last header row, headers by column, title lines above) or None."""
    cache: dict[Cell, Any] = {}
    rows: list[list[Any]] = []
    for number, raw in enumerate(ws.rows(1, HEADER_SEARCH_ROWS), 1):
        rows.append(filled(raw, number, merges, cache))
    best: tuple[int, int] | None = None
    for index, values in enumerate(rows):
        fields = {header_field(v) for v in values if isinstance(v, str)} - {None}
        if len(fields) >= 3 and fields & {"problem", "measure"} and (best is None or len(fields) > best[1]):
            best = (index, len(fields))
    if best is None:
        return None
    index = best[0]
    headers = {col: _text(v) for col, v in enumerate(rows[index], 1) if _text(v)}
    # A two-level header (“责任主体” over “责任领导 | 责任单位”) continues on the next row.
    if index + 1 < len(rows):
        below = {col: _text(v) for col, v in enumerate(rows[index + 1], 1) if _text(v)}
        if len(below) >= 2 and all(
            (header_field(t) or is_ignored_header(t)) and not _HEADING.search(t) for t in below.values()
        ):
            headers.update(below)
            index += 1
    title = [_text(v) for values in rows[: best[0]] for v in values if _text(v)]
    return index + 1, headers, list(dict.fromkeys(title))


@dataclass
class _Problem:
    ref: int
    text: str
    fields: dict[str, str] = field(default_factory=dict)
    number: str = ""  # the 序号 written on its first row: its other rows may leave the cell empty


class _SheetReader:
    def __init__(
        self,
        ws: BookSheet,
        name: str,
        merges: Merges,
        header_row: int,
        headers: dict[int, str],
        title: list[str],
    ):
        self.ws = ws
        self.merges = merges
        self.header_row = header_row
        self.result = LedgerSheet(
            name=name, sheet=ws.name, title=title[0] if title else "", header_row=header_row
        )
        self.columns: dict[str, list[int]] = {}
        self.headers = headers
        for col in sorted(headers):
            text = headers[col]
            found = header_field(text)
            note = ""
            if found in self.columns:
                first = self.headers[self.columns[found][0]]
                note = f"与“{first}”列同义，前者为空时取此列"
            elif found is None:
                note = "不导入"
            if found:
                self.columns.setdefault(found, []).append(col)
            self.result.columns.append(ColumnMapping(col, text, found, note))
        self.context_year = next((y for y in map(year_in, title) if y), None)
        self.problem: _Problem | None = None
        self.problems = 0
        self.aspect = ""

    def read(self) -> LedgerSheet:
        result = self.result
        if "measure" not in self.columns:
            result.warnings.append(
                LedgerIssue(0, None, "没有“整改措施”列，每个问题按一条措施导入，措施内容同问题描述。")
            )
        if "status" not in self.columns:
            result.warnings.append(LedgerIssue(0, None, "没有“完成情况”列，所有措施按“未启动”导入。"))
        cache: dict[Cell, Any] = {}
        for number, raw in enumerate(self.ws.rows(self.header_row + 1), self.header_row + 1):
            values = filled(raw, number, self.merges, cache)
            if len(result.rows) >= MAX_ROWS:
                result.errors.append(
                    LedgerIssue(number, None, f"数据超过 {MAX_ROWS} 行，请拆分为多个文件分别导入。")
                )
                break
            self._row(number, raw, values)
        return result

    def _get(self, values: list[Any], name: str) -> Any:
        for col in self.columns.get(name, []):
            if col <= len(values) and _text(values[col - 1]):
                return values[col - 1]
        return None

    def _texts(self, values: list[Any]) -> dict[str, str]:
        """Each field's text in this row: its first column that is not empty (as `_get` finds it)."""
        texts: dict[str, str] = {}
        size = len(values)
        for name, cols in self.columns.items():
            text = ""
            for col in cols:
                if col <= size:
                    value = values[col - 1]
                    # _text(value), its hot path (a string) without the call: 10,000 rows × every column
                    if text := (value.strip() if type(value) is str else _text(value)):
                        break
            texts[name] = text
        return texts

    def _header(self, name: str) -> str:
        cols = self.columns.get(name)
        return self.headers[cols[0]] if cols else name

    def _row(self, number: int, raw: tuple[Any, ...], values: list[Any]) -> None:
        texts = self._texts(values)
        # the cells with text (a string's strip() inline: _text() a cell is the reader's hottest call)
        filled = [(col, v) for col, v in enumerate(raw, 1) if (v.strip() if type(v) is str else _text(v))]
        if not filled and not any(texts.values()):
            return
        if self._heading(number, filled):
            return
        measure = texts.get("measure", "") if "measure" in self.columns else texts.get("problem", "")
        if not measure:
            if texts.get("problem") and self._starts_problem(number, values, texts):
                self.result.errors.append(
                    LedgerIssue(number, self._header("measure"), "有问题描述但没有整改措施，请补上整改措施。")
                )
            elif filled:
                shown = "、".join(_text(v)[:20] for _, v in filled[:3])
                self.result.warnings.append(
                    LedgerIssue(number, None, f"没有整改措施，此行未导入（内容：{shown}）。")
                )
            return
        problem = self._problem_for(number, values, texts)
        if problem is None:
            return
        self.result.rows.append(self._measure_row(number, values, texts, problem, measure))

    def _heading(self, number: int, filled: list[tuple[int, Any]]) -> bool:
        """A row such as “一、政治建设方面” that sets the aspect of the rows below it."""
        if len(filled) != 1:
            return False
        col, value = filled[0]
        if col in self.columns.get("measure", []):
            return False
        text = _text(value)
        if not (_HEADING.search(text) or self.merges.width.get((number, col), 1) >= 3):
            return False
        self.aspect = _HEADING_MARKER.sub("", text).strip()
        self.problem = None
        return True

    def _starts_problem(self, number: int, values: list[Any], texts: dict[str, str]) -> bool:
        cols = self.columns.get("problem", [])
        if not cols:
            return True
        col = cols[0]
        if (number, col) in self.merges.anchors:
            return True
        if (number, col) in self.merges.anchor_of:
            return False
        text = texts.get("problem", "")
        raw = _text(values[col - 1]) if col <= len(values) else ""
        if not raw:
            return self.problem is None
        previous = self.problem
        if previous is None:
            return True
        # Repeated text continues a problem, but in our export (key column) a new 序号 starts one.
        seq = texts.get("number", "") if "key" in self.columns else ""
        if seq and previous.number and seq != previous.number:
            return True
        return previous.text != text or previous.fields.get("source", "") != texts.get("source", "")

    def _problem_for(self, number: int, values: list[Any], texts: dict[str, str]) -> _Problem | None:
        if "problem" not in self.columns:
            self.problems += 1
            self.problem = _Problem(self.problems, texts.get("measure", ""), self._problem_fields(texts))
            return self.problem
        if self._starts_problem(number, values, texts):
            if not texts.get("problem"):
                self.result.errors.append(
                    LedgerIssue(number, self._header("problem"), "缺少问题描述，且上方没有可延续的问题。")
                )
                return None
            self.problems += 1
            self.problem = _Problem(
                self.problems, texts["problem"], self._problem_fields(texts), texts.get("number", "")
            )
        return self.problem

    def _problem_fields(self, texts: dict[str, str]) -> dict[str, str]:
        fields = {name: texts.get(name, "") for name in PROBLEM_FIELDS}
        if not fields["aspect"]:
            fields["aspect"] = self.aspect
        return fields

    def _measure_row(
        self, number: int, values: list[Any], texts: dict[str, str], problem: _Problem, measure: str
    ) -> LedgerRow:
        inherited = {name: texts.get(name) or problem.fields.get(name, "") for name in PROBLEM_FIELDS}
        deadline, term = self._deadline(number, values, texts)
        status = self._status(number, texts)
        evidence = texts.get("evidence", "")
        if status == "done" and not evidence:
            self.result.warnings.append(
                LedgerIssue(
                    number, self._header("evidence"), "标为已完成，但没有佐证材料，已导入并标记待补。"
                )
            )
        return LedgerRow(
            problem=problem.text,
            measure=measure,
            owner=texts.get("owner", ""),
            unit=texts.get("unit", ""),
            deadline=deadline,
            term=term,
            progress=texts.get("progress", ""),
            status=status,
            status_blank=not texts.get("status", ""),
            evidence=evidence,
            number=texts.get("number") or problem.number,
            row=number,
            problem_ref=problem.ref,
            key=normalise(texts.get("key", "")).upper(),
            completed_on=self._date(number, values, "completed_on"),
            review_date=self._date(number, values, "review_date"),
            blocked_reason=texts.get("blocked_reason", ""),
            **inherited,
        )

    def _date(self, number: int, values: list[Any], name: str) -> dt.date | None:
        """A date column other than the deadline (完成日期, 复查日期): a date or nothing, else an error."""
        value = self._get(values, name)
        if value is None:
            return None
        try:
            found = parse_deadline(value, self.context_year)
        except DeadlineError as exc:
            self.result.errors.append(LedgerIssue(number, self._header(name), f"{exc}。"))
            return None
        if found.date is None:
            self.result.errors.append(
                LedgerIssue(number, self._header(name), f"“{_text(value)}”不是日期，请写成“2022年3月31日”。")
            )
        return found.date

    def _deadline(
        self, number: int, values: list[Any], texts: dict[str, str]
    ) -> tuple[dt.date | None, str | None]:
        term: str | None = None
        if texts.get("term"):
            word = normalise(texts["term"])
            term = next((TERM_WORDS[w] for w in _TERMS_LONGEST_FIRST if w in word), None)
            if term is None:
                self.result.errors.append(
                    LedgerIssue(
                        number,
                        self._header("term"),
                        f"无法识别的整改类型“{texts['term']}”，请写成“立行立改”“限期整改”或“长期坚持”。",
                    )
                )
        try:
            found = parse_deadline(self._get(values, "deadline"), self.context_year)
        except DeadlineError as exc:
            self.result.errors.append(LedgerIssue(number, self._header("deadline"), f"{exc}。"))
            return None, term
        if found.note:
            self.result.warnings.append(LedgerIssue(number, self._header("deadline"), f"{found.note}。"))
        if found.date is not None:
            self.context_year = found.date.year
        return found.date, term or found.term

    def _status(self, number: int, texts: dict[str, str]) -> str:
        word = texts.get("status", "")
        if not word:
            if "status" in self.columns:
                self.result.warnings.append(LedgerIssue(number, self._header("status"), BLANK_STATUS))
            return "not_started"
        status = status_of(word)
        if status is None:
            known = "”“".join(STATUS_LABELS.values())
            self.result.errors.append(
                LedgerIssue(
                    number, self._header("status"), f"无法识别的完成情况“{word}”，请写成“{known}”之一。"
                )
            )
            return "not_started"
        if normalise(word) in VAGUE_STATUS_WORDS:
            self.result.warnings.append(
                LedgerIssue(
                    number,
                    self._header("status"),
                    f"完成情况“{word}”含义不明确，按“{STATUS_LABELS[status]}”导入。",
                )
            )
        return status


def _text(value: Any) -> str:
    if type(value) is str:  # most cells: the hot path of a 10,000-row import
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
