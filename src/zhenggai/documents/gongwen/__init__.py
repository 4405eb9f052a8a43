"""Documents written by GB/T 9704-2012 (党政机关公文格式): the one module callers import.

Inside: `style` (the page, sizes and a unit's house style), `document` (the writer every document
goes through), `fonts` (which of the house's fonts this machine lacks),
`outline` (a report as a tree of headings to write, and back from a parsed report),
`rectification` (整改落实情况报告 from a ledger source's data).
"""

from __future__ import annotations

from zhenggai.documents.gongwen.document import DASH, GongwenDocument, marker
from zhenggai.documents.gongwen.fonts import missing_fonts, missing_fonts_warning
from zhenggai.documents.gongwen.outline import (
    Outline,
    Section,
    outline_of_report,
    write_outline,
    write_report,
)
from zhenggai.documents.gongwen.rectification import (
    RectificationMeasure,
    RectificationProblem,
    RectificationReport,
    RectificationSource,
    chinese_date,
    rectification_findings,
    summary_sentence,
    write_rectification_report,
)
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle

__all__ = [
    "DASH",
    "DEFAULT_STYLE",
    "GongwenDocument",
    "HouseStyle",
    "Outline",
    "RectificationMeasure",
    "RectificationProblem",
    "RectificationReport",
    "RectificationSource",
    "Section",
    "chinese_date",
    "marker",
    "missing_fonts",
    "missing_fonts_warning",
    "outline_of_report",
    "rectification_findings",
    "summary_sentence",
    "write_outline",
    "write_rectification_report",
    "write_report",
]
