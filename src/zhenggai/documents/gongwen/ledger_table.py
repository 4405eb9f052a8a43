"""The 整改台账 as a Word table on landscape pages: the rows the Excel export writes, laid out to print.

One landscape section (A4 turned, margins turned with it, page numbers "— 1 —" as every document):
the title, one sentence saying what the table holds as of a date (how many problems and measures,
how many done), then the table in the layout offices keep their 台账 in — 序号, 问题来源 (left out
and named in that sentence when every row has the same source), 查摆方面
and 问题描述 drawn once over a problem's measures, then each measure's 整改措施, 责任领导/责任人,
责任单位, 整改时限, 整改进展 and 完成情况 — its header row repeated on every page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.rectification import chinese_date
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.table import SMALL_TABLE_SIZE, Column, landscape, table
from zhenggai.documents.ledger_xlsx import LedgerRow
from zhenggai.documents.measure_labels import STATUS_LABELS, TERM_LABELS

DEFAULT_LEDGER_TITLE = "整改台账"
LEDGER_COLUMNS = (
    Column("序号", 0.6, centred=True, merged=True),
    Column("问题来源", 1.0, merged=True),
    Column("查摆方面", 1.0, merged=True),
    Column("问题描述", 2.0, merged=True),
    Column("整改措施", 2.2),
    Column("责任领导/责任人", 1.0, centred=True),
    Column("责任单位", 1.0, centred=True),
    Column("整改时限", 1.1, centred=True),
    Column("整改进展", 1.8),
    Column("完成情况", 1.0, centred=True),
)


def write_ledger_table(
    rows: Iterable[LedgerRow],
    today: datetime.date,
    title: str | None = None,
    house: HouseStyle = DEFAULT_STYLE,
) -> bytes:
    """The ledger `rows` (in ledger order: a problem's measures together) as a landscape .docx."""
    cells: list[list[str]] = []
    sources: set[str] = set()
    problems = measures = done = 0
    previous: object = None
    for row in rows:
        first = row.problem_ref != previous or previous is None
        previous = row.problem_ref
        if first:
            problems += 1
        measures += 1
        done += row.status == "done"
        sources.add(row.source)
        lead = [str(problems), row.source, row.aspect, row.problem] if first else ["", "", "", ""]
        cells.append(
            [
                *lead,
                row.measure,
                row.owner,
                row.unit,
                _term(row),
                row.progress,
                STATUS_LABELS.get(row.status, row.status),
            ]
        )
    document = GongwenDocument(house)
    landscape(document)
    document.title(title or DEFAULT_LEDGER_TITLE)
    columns = list(LEDGER_COLUMNS)
    (only,) = sources if len(sources) == 1 else ("",)
    if only:
        # One source: named once above the table, its column left out to give the text room.
        del columns[1]
        cells = [[row[0], *row[2:]] for row in cells]
    where = f"“{only}”" if only else "本表"
    if measures:
        document.paragraph(
            f"截至{chinese_date(today)}，{where}共列问题{problems}个、整改措施{measures}条，已完成{done}条。"
        )
    else:
        document.paragraph(f"截至{chinese_date(today)}，没有符合条件的整改措施。")
    table(document, columns, cells, SMALL_TABLE_SIZE)
    return document.to_bytes()


def _term(row: LedgerRow) -> str:
    label = TERM_LABELS.get(row.term or "", "")
    if row.term == "ongoing" or not row.deadline:
        return label
    return f"{label}\n{chinese_date(row.deadline)}" if label else chinese_date(row.deadline)
