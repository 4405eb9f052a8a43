"""The rectification ledger (整改台账) as an Excel workbook, in and out: the one module callers import.

Inside: `read` (a sheet as offices keep it → rows and a row-by-row report) over `book` (the
workbook opened with python-calamine: .xlsx, .xls or .ods) after `package` (the checks before it
opens: `limits`, `xls` for BIFF, `ods` for OpenDocument merges and span), `words` (headers, statuses, terms as offices write them) and `dates` (deadline
cells); `write` (rows → a 整改台账 .xlsx or CSV, ready to print) over `stream` (the streaming .xlsx
writer) and `layout` (row heights from wrapped text);
`rows` (the neutral row type both sides share).
"""

from __future__ import annotations

from zhenggai.documents.ledger_xlsx.book import first_sheet_rows
from zhenggai.documents.ledger_xlsx.dates import Deadline, DeadlineError, parse_deadline, year_in
from zhenggai.documents.ledger_xlsx.layout import row_height, text_lines, text_units
from zhenggai.documents.ledger_xlsx.limits import MAX_LEDGER_BYTES
from zhenggai.documents.ledger_xlsx.ods import OdsSheet, ods_sheets
from zhenggai.documents.ledger_xlsx.read import MAX_ROWS, read_ledger_xlsx
from zhenggai.documents.ledger_xlsx.rows import (
    FIELD_LABELS,
    KEY_HEADER,
    ColumnMapping,
    LedgerIssue,
    LedgerRow,
    LedgerSheet,
)
from zhenggai.documents.ledger_xlsx.write import (
    COLUMNS,
    iter_ledger_csv,
    iter_ledger_xlsx,
    write_ledger_csv,
    write_ledger_xlsx,
)
from zhenggai.documents.measure_labels import STATUS_LABELS, TERM_LABELS

__all__ = [
    "COLUMNS",
    "FIELD_LABELS",
    "KEY_HEADER",
    "MAX_LEDGER_BYTES",
    "MAX_ROWS",
    "STATUS_LABELS",
    "TERM_LABELS",
    "ColumnMapping",
    "Deadline",
    "DeadlineError",
    "LedgerIssue",
    "LedgerRow",
    "LedgerSheet",
    "OdsSheet",
    "first_sheet_rows",
    "iter_ledger_csv",
    "iter_ledger_xlsx",
    "ods_sheets",
    "parse_deadline",
    "read_ledger_xlsx",
    "row_height",
    "text_lines",
    "text_units",
    "write_ledger_csv",
    "write_ledger_xlsx",
    "year_in",
]
