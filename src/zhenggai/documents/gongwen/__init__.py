"""Documents written by GB/T 9704-2012 (党政机关公文格式): the one module callers import.

Inside: `style` (the page, sizes and a unit's house style), `document` (the writer every document
goes through), `fonts` (which of the house's fonts this machine lacks),
`outline` (a report as a tree of headings to write, and back from a parsed report),
`rectification` (整改落实情况报告 from a ledger source's data), `plan` (整改方案 with its 整改任务清单
attached on landscape pages), `table` (landscape sections and tables), `ledger_table` (the 整改台账 as
a Word table), `last_year` (next year's 上年度整改落实情况), `meeting_report` (民主生活会召开情况报告),
`minutes` (推进会会议纪要).
"""

from __future__ import annotations

from zhenggai.documents.gongwen.document import DASH, GongwenDocument, marker
from zhenggai.documents.gongwen.fonts import missing_fonts, missing_fonts_warning
from zhenggai.documents.gongwen.last_year import (
    PreviousDraft,
    previous_outline,
    previous_text,
    write_previous,
)
from zhenggai.documents.gongwen.ledger_table import write_ledger_table
from zhenggai.documents.gongwen.meeting_report import MeetingFacts, meeting_report_title, write_meeting_report
from zhenggai.documents.gongwen.minutes import (
    DecisionFacts,
    ProgressMeetingFacts,
    minutes_title,
    ordinal,
    write_minutes,
)
from zhenggai.documents.gongwen.outline import (
    Outline,
    Section,
    outline_of_report,
    write_outline,
    write_report,
)
from zhenggai.documents.gongwen.plan import plan_findings, plan_title, write_plan
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
    "DecisionFacts",
    "GongwenDocument",
    "HouseStyle",
    "MeetingFacts",
    "Outline",
    "PreviousDraft",
    "ProgressMeetingFacts",
    "RectificationMeasure",
    "RectificationProblem",
    "RectificationReport",
    "RectificationSource",
    "Section",
    "chinese_date",
    "marker",
    "meeting_report_title",
    "minutes_title",
    "missing_fonts",
    "missing_fonts_warning",
    "ordinal",
    "outline_of_report",
    "plan_findings",
    "plan_title",
    "previous_outline",
    "previous_text",
    "rectification_findings",
    "summary_sentence",
    "write_ledger_table",
    "write_meeting_report",
    "write_minutes",
    "write_outline",
    "write_plan",
    "write_previous",
    "write_rectification_report",
    "write_report",
]
