"""An import's check as data: what the import page shows, kept beside the checked file when a large file
is checked in the background (ledger/tasks.py check_import) and shown when the job is done.

The page reads the same keys from a live ImportReport (a small file checked in the request) and from
this JSON (a large one checked by the worker): `report.sheet.errors`, `report.changed`, … The preview
holds only what the page prints — sentences, row numbers, measure texts of the uploader's own file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zhenggai.documents.ledger_xlsx import FIELD_LABELS
from zhenggai.ledger.imports import ImportReport


def column_labels(report: ImportReport) -> list[tuple[str, str, str]]:
    """Each header of the file, the field it was read as (or 不导入), and the reader's note."""
    return [(c.header, FIELD_LABELS.get(c.field or "", "不导入"), c.note) for c in report.sheet.columns]


def preview_of(report: ImportReport) -> dict[str, Any]:
    """The check as JSON-ready data, with the keys the import page reads from a report."""
    sheet = report.sheet
    return {
        "stored": report.stored,
        "ok": report.ok,
        "summary": report.summary(),
        "sheet": {
            "name": sheet.name,
            "sheet": sheet.sheet,
            "header_row": sheet.header_row,
            "row_count": len(sheet.rows),
            "problem_count": sheet.problem_count,
            "errors": [str(e) for e in sheet.errors],
            "warnings": [str(w) for w in sheet.warnings],
        },
        "labels": column_labels(report),
        "new_rows": report.new_rows,
        "changed": [{"row": c.row, "key": c.key, "changes": c.changes} for c in report.changed],
        "unchanged": report.unchanged,
        "missing": report.missing,
        "missing_count": report.missing_count,
        "refused_rows": report.refused_rows,
        "unknown_owners": report.unknown_owners,
    }


def save_preview(path: Path, preview: dict[str, Any], target: dict[str, Any]) -> None:
    """Keep the check and what it was checked for (organisation, source, campaign, people to create)."""
    path.write_text(json.dumps({"preview": preview, "target": target}, ensure_ascii=False), "utf-8")


def load_preview(path: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The check and its target kept at `path`; None when there is none (expired, confirmed, never made)."""
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return kept["preview"], kept["target"]
