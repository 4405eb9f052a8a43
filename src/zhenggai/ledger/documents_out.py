"""Documents written from the ledger besides the 整改落实情况报告: a source's 整改方案 and the ledger table.

The data comes from the same queries as the report (`rectification_source`) and the Excel export
(`ledger_rows`, the ledger page's filters); the layout is the engine's (`documents.gongwen`).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from zhenggai.core.errors import Refusal
from zhenggai.documents.gongwen import RectificationReport, write_ledger_table, write_plan
from zhenggai.ledger.exports import ledger_rows
from zhenggai.ledger.models import Measure, Source
from zhenggai.ledger.rectification import rectification_source

#: A Word table longer than this is no longer something to print: the Excel export is.
MAX_TABLE_MEASURES = 3000
TOO_MANY = "当前筛选条件下的整改措施超过{limit}条，Word 表格无法打印，请缩小筛选范围，或导出 Excel"


def plan_document(source: Source, today: datetime.date) -> RectificationReport:
    """The 整改方案 of `source` dated `today`, its 整改任务清单 attached; and what the ledger lacks."""
    return write_plan(rectification_source(source), today)


def ledger_document(measures: QuerySet[Measure], today: datetime.date, title: str | None = None) -> bytes:
    """The filtered `measures` as the 整改台账 on landscape pages. Refused above MAX_TABLE_MEASURES."""
    if measures.count() > MAX_TABLE_MEASURES:
        raise Refusal(TOO_MANY.format(limit=MAX_TABLE_MEASURES))
    return write_ledger_table(ledger_rows(measures), today, title)


def ledger_filename(today: datetime.date) -> str:
    """整改台账-20260101.docx"""
    return f"整改台账-{today:%Y%m%d}.docx"
