"""Merged cells of a sheet: a covered cell reads as its merge's first (anchor) cell."""

from __future__ import annotations

from typing import Any

#: (row, column), 1-based.
Cell = tuple[int, int]


class Merges:
    """Merged cells of a sheet: each covered cell answers with its anchor's value."""

    #: Cells covered by merges beyond this are not filled in (a whole-column merge is a formatting slip).
    MAX_CELLS = 2_000_000

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.anchor_of: dict[Cell, Cell] = {}
        self.anchors: set[Cell] = set()
        self.width: dict[Cell, int] = {}
        #: By row: the columns of its anchors, and (column, anchor) of its covered cells.
        self.anchor_cols: dict[int, list[int]] = {}
        self.covered: dict[int, list[tuple[int, Cell]]] = {}
        for min_row, min_col, max_row, max_col in ranges:
            anchor = (min_row, min_col)
            self.anchors.add(anchor)
            self.width[anchor] = max_col - min_col + 1
            if (max_row - min_row + 1) * (max_col - min_col + 1) + len(self.anchor_of) > self.MAX_CELLS:
                continue
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    if (r, c) != anchor:
                        self.anchor_of[(r, c)] = anchor
                        self.covered.setdefault(r, []).append((c, anchor))
        for r, c in self.anchors:
            self.anchor_cols.setdefault(r, []).append(c)


def filled(values: tuple[Any, ...], row: int, merges: Merges, cache: dict[Cell, Any]) -> list[Any]:
    """The row with each empty cell a merge covers showing its anchor's value (kept in `cache`)."""
    out = list(values)
    for col in merges.anchor_cols.get(row, ()):
        cache[(row, col)] = values[col - 1] if col <= len(values) else None
    for col, anchor in merges.covered.get(row, ()):
        if col <= len(out) and (out[col - 1] is None or out[col - 1] == ""):
            out[col - 1] = cache.get(anchor)
    return out
