"""Build real ledger .xlsx files with openpyxl for the ledger reader's tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl

HEADERS = [
    "序号",
    "问题来源",
    "问题描述",
    "整改措施",
    "责任领导/责任人",
    "责任单位",
    "整改时限",
    "整改进展",
    "完成情况",
    "佐证材料",
]


def ledger_xlsx(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] = HEADERS,
    title: str | None = "XX局巡察反馈问题整改台账",
    merges: Sequence[str] = (),
    date_cells: Sequence[str] = (),
) -> bytes:
    """A workbook: optional title row, a header row, then `rows`; `merges` are ranges such as "C3:C5"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    for ref in date_cells:
        ws[ref].number_format = "yyyy/m/d"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
