"""Word's list number formats (w:numFmt): a counter value rendered as 一, （一）'s 一, ①, A, iv ….

To support another format, write a function from the counter value to its text and add it to
FORMATS under its w:numFmt name; a format missing from the table is rendered in decimal, as Word
does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(
    n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = _CN_UNITS, short_ten: bool = True
) -> str:
    """Chinese counting: 十一, 二十一, 一百零一, 一千零一十, 一万…; legal digits for 壹拾."""
    if n <= 0:
        return "〇" if n == 0 else str(n)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += digits[0]
        out += _chinese_group(group, digits, units) + _CN_GROUPS[min(index, len(_CN_GROUPS) - 1)]
        zero = False
    if short_ten and out.startswith(digits[1] + units[1]):
        out = out[1:]
    return out


def _chinese_group(group: int, digits: str, units: tuple[str, ...]) -> str:
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        digit = group // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[digit] + units[power]
    return out


def _letters(n: int, base: str) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB.
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _enclosed(first: int, count: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 1 <= n <= count else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: Each w:numFmt the reader renders, with the function that renders a counter value in it.
FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, short_ten=False),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
    "ideographDigital": lambda n: str(n).translate(_IDEOGRAPH_DIGITS),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "ordinal": _ordinal,
    "none": lambda n: "",
    "bullet": lambda n: "",
}


@lru_cache(maxsize=4096)
def format_number(value: int, fmt: str) -> str:
    """Render a list counter in a w:numFmt format (unknown formats fall back to decimal, as Word does)."""
    return FORMATS.get(fmt, str)(value)
