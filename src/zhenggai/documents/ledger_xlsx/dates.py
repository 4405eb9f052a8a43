"""Read a ledger's deadline cell: an Excel date, a date written in words, a term, or both."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from zhenggai.documents import regex
from zhenggai.documents.ledger_xlsx.words import TERM_WORDS, normalise

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TENDAY = {"上旬": 10, "中旬": 20}

# Alternatives are tried in order at each position, so the fullest form comes first.
_DATE = regex.compile(
    r"(?P<y1>\d{4})(?:年|[./\-])(?P<m1>\d{1,2})(?:月|[./\-])(?P<d1>\d{1,2})(?:日|号)?"
    r"|(?P<y2>\d{4})(?:年|[./\-])(?P<m2>\d{1,2})(?:月(?P<part2>上旬|中旬|下旬|底|末)?|(?![\d]))"
    r"|(?P<y3>\d{4})年(?:度)?(?P<part3>上半年|下半年|年底|年末|底|末|内|第?(?P<q3>[一二三四1-4])季度)"
    r"|(?P<m4>\d{1,2})月(?P<d4>\d{1,2})(?:日|号)"
    r"|(?P<m5>\d{1,2})月(?P<part5>上旬|中旬|下旬|底|末)?"
    r"|(?P<y6>\d{4})年"
)


class DeadlineError(ValueError):
    """A deadline cell that names no date and no term, or a date that does not exist."""


@dataclass(frozen=True)
class Deadline:
    """What a deadline cell says: a date, a term, both or neither; `note` explains a guess."""

    date: dt.date | None
    term: str | None
    note: str = ""


def parse_deadline(value: object, context_year: int | None = None) -> Deadline:
    """Read one deadline cell; `context_year` supplies the year of “3月底前”; raise DeadlineError."""
    if value is None:
        return Deadline(None, None)
    if isinstance(value, dt.datetime):
        return Deadline(value.date(), "deadline")
    if isinstance(value, dt.date):
        return Deadline(value, "deadline")
    if isinstance(value, bool):
        raise DeadlineError(f"“{value}”不是日期")
    if isinstance(value, int | float) and 20000 <= value <= 80000 and float(value).is_integer():
        return Deadline(_EXCEL_EPOCH + dt.timedelta(days=int(value)), "deadline")
    text = normalise(str(value))
    if not text:
        return Deadline(None, None)
    term = _term_in(text)
    dates = [_date_of(match, text, context_year) for match in _DATE.finditer(text)]
    note = ""
    if len(dates) > 1:
        note = f"时限“{value}”含多个日期，按最后一个（{dates[-1].isoformat()}）导入"
    if dates:
        return Deadline(dates[-1], term or "deadline", note)
    if term:
        return Deadline(None, term)
    raise DeadlineError(f"无法识别时限“{value}”，请写成日期（如“2022年6月30日”）或“立行立改”“长期坚持”")


def year_in(text: str) -> int | None:
    """The first plausible year written in `text` (a title such as “2022年度…整改台账”)."""
    match = re.search(r"(19[5-9]\d|20\d\d)\s*年", normalise(text))
    return int(match.group(1)) if match else None


#: The term words, longest first, sorted once.
_TERMS_LONGEST_FIRST = sorted(TERM_WORDS, key=len, reverse=True)


def _term_in(text: str) -> str | None:
    for word in _TERMS_LONGEST_FIRST:
        if word in text:
            return TERM_WORDS[word]
    return None


def _date_of(match: re.Match[str], text: str, context_year: int | None) -> dt.date:
    groups = match.groupdict()
    written = match.group(0)
    if groups["y1"]:
        return _exact(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]), written)
    if groups["y2"]:
        return _in_month(int(groups["y2"]), int(groups["m2"]), groups["part2"], written)
    if groups["y3"]:
        year = _year(int(groups["y3"]), written)
        part = groups["part3"]
        if part == "上半年":
            return dt.date(year, 6, 30)
        if groups["q3"]:
            month = 3 * _CN_QUARTER[groups["q3"]]
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 12, 31)
    if groups["y6"]:
        return dt.date(_year(int(groups["y6"]), written), 12, 31)
    if context_year is None:
        raise DeadlineError(f"日期“{written}”没有写年份，请写明年份（如“2022年{written}”）")
    if groups["m4"]:
        return _exact(context_year, int(groups["m4"]), int(groups["d4"]), written)
    return _in_month(context_year, int(groups["m5"]), groups["part5"], written)


def _year(year: int, written: str) -> int:
    if not 1949 <= year <= 2100:
        raise DeadlineError(f"日期“{written}”的年份不合理")
    return year


def _exact(year: int, month: int, day: int, written: str) -> dt.date:
    try:
        return dt.date(_year(year, written), month, day)
    except ValueError:
        raise DeadlineError(f"日期“{written}”不存在") from None


def _in_month(year: int, month: int, part: str | None, written: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DeadlineError(f"日期“{written}”不存在")
    year = _year(year, written)
    day = _TENDAY.get(part or "", calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
