"""Excel in and out for the rectification ledger (整改台账): the one module callers import."""

from __future__ import annotations

from zhenggai.documents.ledger_dates import Deadline, DeadlineError, parse_deadline
from zhenggai.documents.ledger_read import MAX_ROWS, read_ledger_xlsx
from zhenggai.documents.ledger_rows import (
    STATUS_LABELS,
    TERM_LABELS,
    ColumnMapping,
    LedgerIssue,
    LedgerRow,
    LedgerSheet,
)
from zhenggai.documents.ledger_write import (
    COLUMNS,
    iter_ledger_csv,
    iter_ledger_xlsx,
    write_ledger_csv,
    write_ledger_xlsx,
)

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "STATUS_LABELS",
    "TERM_LABELS",
    "ColumnMapping",
    "Deadline",
    "DeadlineError",
    "LedgerIssue",
    "LedgerRow",
    "LedgerSheet",
    "iter_ledger_csv",
    "iter_ledger_xlsx",
    "parse_deadline",
    "read_ledger_xlsx",
    "write_ledger_csv",
    "write_ledger_xlsx",
]
