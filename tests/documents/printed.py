"""A spreadsheet printed for real: LibreOffice renders it to PDF, pdfplumber reads where each character landed.

`render_pdf` runs `soffice --headless --convert-to pdf` with a profile of its own (parallel tests
would otherwise share and lock one); `read_pages` turns each PDF page into the grid its cell lines
draw — the columns between the vertical lines, the rows between the horizontal ones — and the
characters printed in each cell, so a test can say what a reader of the paper would see.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SOFFICE = "soffice"
#: PDF coordinates closer than this (in points) are the same line.
SAME = 1.0


def require_soffice() -> str:
    """The path of soffice; skip the test without it (fail on CI, where .ci/run installs it)."""
    found = shutil.which(SOFFICE)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI 上必须有 LibreOffice（.ci/run 会安装 libreoffice-calc-nogui 和 fonts-noto-cjk）")
    pytest.skip(
        "没有 LibreOffice：运行 apt-get install -y libreoffice-calc-nogui fonts-noto-cjk 后可测试打印"
    )


def render_pdf(spreadsheet: Path) -> Path:
    """`spreadsheet` printed to a PDF beside it by LibreOffice headless, with its own user profile."""
    soffice = require_soffice()
    profile = spreadsheet.parent / "lo-profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(spreadsheet.parent),
        str(spreadsheet),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    pdf = spreadsheet.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice 没有生成 PDF：{done.stdout}\n{done.stderr}"
    return pdf


@dataclass
class PrintedPage:
    """One printed page: its size, the table's grid and every character with its box."""

    number: int
    width: float
    height: float
    columns: list[tuple[float, float]]  # (left, right) of each column, left to right
    rows: list[tuple[float, float]]  # (top, bottom) of each row of the table, top to bottom
    chars: list[dict[str, Any]] = field(repr=False)

    def text_between(self, top: float, bottom: float) -> str:
        """The characters whose middle lies between `top` and `bottom`, in reading order, spaces dropped."""
        inside = [c for c in self.chars if top <= (c["top"] + c["bottom"]) / 2 < bottom]
        return _joined(inside)

    def cell_text(self, row: int, column: int) -> str:
        """What is printed in the cell at (row, column) of the page's grid, spaces dropped."""
        (top, bottom), (left, right) = self.rows[row], self.columns[column]
        return _joined([c for c in self.chars if _middle_in(c, top, bottom, left, right)])

    def cell_lines(self, row: int, column: int) -> list[list[dict[str, Any]]]:
        """The printed lines of text in the cell at (row, column), top to bottom."""
        (top, bottom), (left, right) = self.rows[row], self.columns[column]
        return _lines([c for c in self.chars if _middle_in(c, top, bottom, left, right)])

    def chars_crossing_lines(self) -> list[str]:
        """Characters of the table cut by a row's line: text too tall for its row."""
        crossing = []
        for c in self.chars:
            middle = (c["top"] + c["bottom"]) / 2
            for top, bottom in self.rows:
                if top <= middle < bottom and (c["top"] < top - SAME or c["bottom"] > bottom + SAME):
                    crossing.append(f"第{self.number}页 “{c['text']}” y={c['top']:.1f}–{c['bottom']:.1f}")
        return crossing


def read_pages(pdf: Path, anchor_column: int) -> list[PrintedPage]:
    """Every page of `pdf` with its grid; rows are cut by the lines across column `anchor_column`,
    a column whose cells have all four lines (a block of merged-looking cells has none inside)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            columns = _columns(page.edges)
            # a page of a sheet printed several pages wide may not have that column: take its last one
            left, right = columns[min(anchor_column, len(columns) - 1)] if columns else (0.0, 0.0)
            across = [e["top"] for e in page.edges if e["orientation"] == "h" and _spans(e, left, right)]
            lines = _distinct(across)
            pages.append(
                PrintedPage(
                    number=number,
                    width=float(page.width),
                    height=float(page.height),
                    columns=columns,
                    rows=list(itertools.pairwise(lines)),
                    chars=[c for c in page.chars if c["text"].strip()],
                )
            )
    return pages


def _columns(edges: list[dict[str, Any]]) -> list[tuple[float, float]]:
    xs = _distinct([e["x0"] for e in edges if e["orientation"] == "v"])
    return list(itertools.pairwise(xs))


def _spans(edge: dict[str, Any], left: float, right: float) -> bool:
    return bool(edge["x0"] <= left + SAME and edge["x1"] >= right - SAME)


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SAME:
            out.append(value)
    return out


def _middle_in(c: dict[str, Any], top: float, bottom: float, left: float, right: float) -> bool:
    return top <= (c["top"] + c["bottom"]) / 2 < bottom and left <= (c["x0"] + c["x1"]) / 2 < right


def _joined(chars: list[dict[str, Any]]) -> str:
    """The characters as read: line by line from the top, each line from left to right."""
    return "".join(c["text"] for line in _lines(chars) for c in line).replace(" ", "")


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The characters grouped in lines from the top (a new line where one starts lower than half a
    character below the line's first), each line from left to right."""
    lines: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if lines and c["top"] - lines[-1][0]["top"] < (c["bottom"] - c["top"]) / 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]
