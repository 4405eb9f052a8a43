"""How tall a row of the printed 整改台账 must be so its wrapped text fits: estimated, cheaply, per cell.

Spreadsheet programs do not grow a row whose height the file sets, and LibreOffice keeps the
default height for rows the file leaves alone, so wrapped text would overlap the next row. The
writer therefore sets every row's height from its text: a column `width` wide (in Excel's unit, the
width of the digit 0) holds about `width - 1` such units a line; a Chinese character or full-width
mark takes two, a Latin letter or digit one. The estimate uses Excel's and WPS's metrics (宋体,
where a Chinese character is about two digits wide); LibreOffice's substitute fonts take less room,
so there it errs on the roomy side, never on the overlapping one.

It is on the hot path of an export (13 cells a row, 100,000 rows): one `str.encode` per cell and
short-cuts for text that cannot wrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Points per line of 11 pt text: the line spacing of Noto Sans CJK, the widest of the CJK fonts Excel,
#: WPS and LibreOffice use (SimSun takes 14.25).
LINE_POINTS = 16.5
#: Points above and below the text inside a cell.
PADDING_POINTS = 4.0
#: The most Excel allows a row; longer text is cut there, as Excel would cut it.
MAX_ROW_POINTS = 409.0


def text_units(text: str) -> int:
    """The width of one line of `text` in digit widths: two for a CJK character, one for ASCII."""
    # UTF-8 takes 3 bytes for CJK characters and 1 for ASCII: (bytes + characters) / 2 is 2 and 1.
    return (len(text.encode("utf-8")) + len(text) + 1) // 2


def text_lines(text: str, width: float) -> int:
    """How many lines `text` takes, wrapped in a column `width` digits wide (at least one)."""
    room = max(int(width - 1.0), 1)
    if len(text) * 2 <= room and "\n" not in text:  # even all in Chinese it fits on one line
        return 1
    if "\n" not in text:
        return max(1, -(-text_units(text) // room))
    return sum(max(1, -(-text_units(part) // room)) for part in text.split("\n"))


def lines_height(lines: int) -> float:
    """The height in points of a row holding `lines` lines, within what Excel allows."""
    return min(lines * LINE_POINTS + PADDING_POINTS, MAX_ROW_POINTS)


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """The height in points a row of `values` needs in columns of `widths` (non-text values: one line).

    A column of width 0 is hidden and does not count.
    """
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if width <= 0:  # a hidden column (the key) is never printed
            continue
        # the short cells (owner, unit, status…) fit on one line even all in Chinese: skip them cheaply
        if type(value) is str and (len(value) * 2 > width - 1 or "\n" in value):
            needed = text_lines(value, width)
            if needed > lines:
                lines = needed
    return lines_height(lines)
