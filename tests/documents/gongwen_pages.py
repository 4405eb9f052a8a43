"""A Word document printed for real: LibreOffice renders it, pdfplumber says where each line landed.

`print_docx(data, tmp_path)` writes the bytes, renders them with `printed.render_pdf` and returns
each page as `Page`: its size in millimetres and its lines of text (characters grouped by their
top), each with its left and right edges in millimetres from the page's left edge, its top and
bottom from the page's top edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.documents.printed import render_pdf

MM = 72 / 25.4
#: Block of text by GB/T 9704 in mm: left 28, right 28 + 156, top 37, bottom 37 + 225.
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0


@dataclass
class Line:
    """One printed line: its text (spaces dropped), edges in mm, characters and their font size."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float
    chars: int


@dataclass
class Page:
    """One printed page: size in mm and its lines top to bottom."""

    number: int
    width: float
    height: float
    lines: list[Line]

    def body_lines(self) -> list[Line]:
        """The lines inside the text block (the page number is below it)."""
        return [line for line in self.lines if line.bottom <= BOTTOM + 1]

    def footer(self) -> Line:
        """The page-number line: the one line below the text block."""
        below = [line for line in self.lines if line.top > BOTTOM]
        assert len(below) == 1, [line.text for line in below]
        return below[0]


def print_docx(data: bytes, folder: Path, name: str = "document") -> list[Page]:
    """`data` (a .docx) printed to PDF by LibreOffice and read back page by page."""
    import pdfplumber

    path = folder / f"{name}.docx"
    path.write_bytes(data)
    pdf = render_pdf(path)
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            chars = [c for c in page.chars if c["text"].strip()]
            grouped: list[list[dict[str, object]]] = []
            for c in sorted(chars, key=lambda c: c["top"]):
                if grouped and float(c["top"]) - float(grouped[-1][0]["top"]) < 3:  # type: ignore[arg-type]
                    grouped[-1].append(c)
                else:
                    grouped.append([c])
            lines = []
            for group in grouped:
                ordered = sorted(group, key=lambda c: c["x0"])  # type: ignore[arg-type, return-value]
                lines.append(
                    Line(
                        text="".join(str(c["text"]) for c in ordered),
                        left=float(ordered[0]["x0"]) / MM,  # type: ignore[arg-type]
                        right=float(ordered[-1]["x1"]) / MM,  # type: ignore[arg-type]
                        top=min(float(c["top"]) for c in ordered) / MM,  # type: ignore[arg-type]
                        bottom=max(float(c["bottom"]) for c in ordered) / MM,  # type: ignore[arg-type]
                        size=max(float(c["size"]) for c in ordered),  # type: ignore[arg-type]
                        chars=len(ordered),
                    )
                )
            pages.append(Page(number, float(page.width) / MM, float(page.height) / MM, lines))
    return pages
