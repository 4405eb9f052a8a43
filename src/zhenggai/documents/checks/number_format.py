"""ZG707–ZG708: dates and digits as official documents write them (2021年12月3日, half-width digits)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report

#: 2021.12.3, 2021-12-03, 2021/12/3 (not a version number or an address: digits on neither side).
_DATE = regex.compile(r"(?<![0-9A-Za-z./\-])((?:19|20)\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![0-9A-Za-z./\-])")
_WIDE_DIGITS = regex.compile(r"[０-９]+")
_NARROW = str.maketrans("０１２３４５６７８９", "0123456789")


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Dates in dotted or dashed form; full-width digits (once per paragraph)."""
    for p in report.paragraphs:
        text = p.text
        for m in _DATE.finditer(text):
            year, month, day = m.group(1), int(m.group(3)), int(m.group(4))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            message = f"日期“{m.group(0)}”请写作“{year}年{month}月{day}日”"
            yield Finding(
                "ZG707", "info", message, p.line, p.offset + m.start() + 1, excerpt(text, m.start())
            )
        wide = _WIDE_DIGITS.search(text)
        if wide is not None:
            run = wide.group(0)
            message = f"数字“{run}”是全角数字，请改为半角“{run.translate(_NARROW)}”"
            yield Finding(
                "ZG708", "warning", message, p.line, p.offset + wide.start() + 1, excerpt(text, wide.start())
            )


RULE = Rule(
    "number-format",
    ("ZG707", "ZG708"),
    "日期与数字的写法：日期应写作“2021年12月3日”，数字用半角阿拉伯数字",
    check,
)
