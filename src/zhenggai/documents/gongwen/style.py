"""The GB/T 9704-2012 page and a unit's house style: fonts by the names offices have, sizes, the grid."""

from __future__ import annotations

from dataclasses import dataclass

#: Chinese font sizes in points (字号).
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0  # A4
TOP_MM = 37.0  # 天头
LEFT_MM = 28.0  # 订口
BLOCK_WIDTH_MM, BLOCK_HEIGHT_MM = 156.0, 225.0  # 版心
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - BLOCK_WIDTH_MM  # 26 mm
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - BLOCK_HEIGHT_MM  # 35 mm
#: The page number's line sits 7 mm below the text block (GB/T 9704 7.5); Word counts the footer
#: distance from the page's bottom edge to the bottom of the footer's line.
FOOTER_MM = BOTTOM_MM - 7.0 - 6.5

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point (twips), rounded."""
    return round(mm * TWIPS_PER_MM)


#: Fixed line pitch: 22 lines in the 225 mm block (28.95 pt, what offices' templates use).
LINE_PITCH_TWIPS = 579
#: 28 characters in the 156 mm line: 三号 is 16 pt, 28 of them 448 pt, the line 442.2 pt, so each
#: character is set 0.25 pt closer (run character spacing, in twips): 28 × 15.75 pt = 441 pt.
#: Word's character grid (docGrid linesAndChars with w:charSpace) would say the same to Word, but
#: LibreOffice lays any non-zero w:charSpace out as 14 to 18 characters a line; the spacing is read
#: alike by both. The document grid is the line grid (docGrid lines, w:linePitch) with the fixed
#: line spacing.
RUN_SQUEEZE_TWIPS = -5


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """The fonts a unit's documents use, by the names its machines have; nothing is bundled.

    `latin` is the font of digits and Latin letters (None: the same as the East Asian font of the
    paragraph, as most offices' templates do).
    """

    title_font: str = "方正小标宋简体"
    body_font: str = "仿宋_GB2312"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    latin_font: str | None = None

    def fonts(self) -> list[str]:
        """Every font the documents ask for, without repeats."""
        names = [
            self.title_font,
            self.body_font,
            self.heading1_font,
            self.heading2_font,
            self.page_number_font,
            *([self.latin_font] if self.latin_font else []),
        ]
        return list(dict.fromkeys(names))


DEFAULT_STYLE = HouseStyle()
