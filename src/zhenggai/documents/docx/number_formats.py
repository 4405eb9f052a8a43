"""Word's list number formats (w:numFmt): a counter value rendered as 一, （一）'s 一, ①, A, iv ….

Every format of ECMA-376's ST_NumberFormat that Word, WPS or LibreOffice write is rendered as the
suite shows it; where LibreOffice and Word differ for values no outline reaches (≥ 100), the Chinese
formats follow LibreOffice (一百零一). tests/documents/fixtures/numbering holds .docx files written by
LibreOffice with its Chinese numbering and the text LibreOffice renders for them. A format missing
from the table is rendered in decimal, as Word does; so is any counter above MAX_VALUE.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")
_TW_LEGAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
_TW_GROUPS = ("", "萬", "億", "兆")
_JA_LEGAL_DIGITS = "〇壱弐参四伍六七八九"
_JA_LEGAL_UNITS = ("", "拾", "百", "阡")
_KO_DIGITS = "영일이삼사오육칠팔구"
_KO_UNITS = ("", "십", "백", "천")
_KO_GROUPS = ("", "만", "억", "조")
_KO_NATIVE_ONES = ("", "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉")
_KO_NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_GANADA = "가나다라마바사아자차카타파하"
_CHOSUNG = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽﾝ"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CHICAGO = "*†‡§"
_EN_ONES = ("", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
            "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen")  # fmt: skip
_EN_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")
_EN_ORDINAL = {"One": "First", "Two": "Second", "Three": "Third", "Five": "Fifth", "Eight": "Eighth",
               "Nine": "Ninth", "Twelve": "Twelfth"}  # fmt: skip
#: Counters above this render in decimal: no outline goes this far, and "AAAA…" must stay small.
MAX_VALUE = 32767
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_SEXAGENARY = tuple(_TIANGAN[i % 10] + _DIZHI[i % 12] for i in range(60))
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
_IDEOGRAPH_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(
    n: int,
    digits: str = _CN_DIGITS,
    units: tuple[str, ...] = _CN_UNITS,
    short_ten: bool = True,
    groups_of: tuple[str, ...] = _CN_GROUPS,
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
        out += _chinese_group(group, digits, units) + groups_of[min(index, len(groups_of) - 1)]
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


def _circled_to_50(n: int) -> str:
    """① … ⑳, then ㉑ … ㊿ (as LibreOffice shows the Chinese enclosed circles)."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _digits(table: str) -> Callable[[int], str]:
    """Each decimal digit written with `table` (一〇二 for 102)."""
    return lambda n: "".join(table[int(d)] for d in str(n)) if n >= 0 else str(n)


def _cycle(alphabet: str) -> Callable[[int], str]:
    """The n-th letter, starting over after the last (가나다…하가)."""
    return lambda n: alphabet[(n - 1) % len(alphabet)] if n > 0 else str(n)


def _repeat(alphabet: str) -> Callable[[int], str]:
    """The letter repeated once more each time the alphabet starts over (a … z, aa … zz)."""
    size = len(alphabet)
    return lambda n: alphabet[(n - 1) % size] * ((n - 1) // size + 1) if n > 0 else str(n)


def _bijective(alphabet: str) -> Callable[[int], str]:
    """Spreadsheet-like letters: а … я, аа, аб … (as LibreOffice writes Russian and Arabic)."""
    size = len(alphabet)

    def render(n: int) -> str:
        if n <= 0:
            return str(n)
        out = ""
        while n:
            n, rest = divmod(n - 1, size)
            out = alphabet[rest] + out
        return out

    return render


def _up_to(count: int, render: Callable[[int], str]) -> Callable[[int], str]:
    """`render` for 1 … count, decimal beyond (甲 … 癸, then 11)."""
    return lambda n: render(n) if 1 <= n <= count else str(n)


def _korean_counting(n: int) -> str:
    """Sino-Korean counting: 십, 십일, 이십, 백, 백일, 천, 만 (no 일 before 십/백/천/만)."""
    text = _chinese(n, _KO_DIGITS, _KO_UNITS, short_ten=True, groups_of=_KO_GROUPS).replace("영", "")
    for unit in ("십", "백", "천", "만"):
        text = text.replace("일" + unit, unit)
    return text


def _korean_legal(n: int) -> str:
    """Native Korean numbers to 99 (하나, 열, 스물하나), Sino-Korean counting beyond."""
    if 1 <= n <= 99:
        return _KO_NATIVE_TENS[n // 10] + _KO_NATIVE_ONES[n % 10]
    return _korean_counting(n)


def _english(n: int) -> str:
    """English cardinal words: One, Eleven, Twenty-one, One hundred one (LibreOffice's spelling)."""
    if n < 20:
        return _EN_ONES[n] if n > 0 else str(n)
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + ("-" + _EN_ONES[ones].lower() if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _EN_ONES[hundreds] + " hundred" + (" " + _english(rest).lower() if rest else "")
    thousands, rest = divmod(n, 1000)
    return _english(thousands) + " thousand" + (" " + _english(rest).lower() if rest else "")


def _english_ordinal(n: int) -> str:
    words = _english(n)
    head, _, last = words.rpartition("-") if "-" in words else ("", "", words)
    cap = last[:1].upper() + last[1:]
    if cap in _EN_ORDINAL:
        last = _EN_ORDINAL[cap] if last[:1].isupper() else _EN_ORDINAL[cap].lower()
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def _hebrew(n: int) -> str:
    """Hebrew letters as numbers (gematria): א … י, יא, טו, טז, כ … ק … ת."""
    if not 0 < n < 1000:
        return str(n)
    hundreds = ("", "ק", "ר", "ש", "ת", "תק", "תר", "תש", "תת", "תתק")
    tens = ("", "י", "כ", "ל", "מ", "נ", "ס", "ע", "פ", "צ")
    ones = ("", "א", "ב", "ג", "ד", "ה", "ו", "ז", "ח", "ט")
    h, rest = divmod(n, 100)
    if rest in (15, 16):
        return hundreds[h] + ("טו" if rest == 15 else "טז")
    return hundreds[h] + tens[rest // 10] + ones[rest % 10]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: Each w:numFmt the reader renders, with the function that renders a counter value in it.
FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    # Not in ST_NumberFormat: the custom formats "001, 002, 003, ..." to "00001, …" (custom_format).
    "decimalZero3": lambda n: f"{n:03d}" if n >= 0 else str(n),
    "decimalZero4": lambda n: f"{n:04d}" if n >= 0 else str(n),
    "decimalZero5": lambda n: f"{n:05d}" if n >= 0 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _circled_to_50,
    "ideographEnclosedCircle": _circled_to_50,
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "taiwaneseDigital": lambda n: str(n).translate(_IDEOGRAPH_DIGITS),
    "japaneseCounting": _chinese,
    "japaneseDigitalTenThousand": lambda n: str(n).translate(_IDEOGRAPH_DIGITS),
    "japaneseLegal": lambda n: _chinese(n, _JA_LEGAL_DIGITS, _JA_LEGAL_UNITS, False, ("", "萬", "億")),
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, short_ten=False),
    "ideographLegalTraditional": lambda n: _chinese(n, _TW_LEGAL_DIGITS, _CN_LEGAL_UNITS, False, _TW_GROUPS),
    "ideographTraditional": _up_to(10, lambda n: _TIANGAN[n - 1]),
    "ideographZodiac": _up_to(12, lambda n: _DIZHI[n - 1]),
    "ideographZodiacTraditional": lambda n: _SEXAGENARY[(n - 1) % 60] if n > 0 else str(n),
    "ideographDigital": lambda n: str(n).translate(_IDEOGRAPH_DIGITS),
    "koreanDigital": _digits(_KO_DIGITS),
    "koreanDigital2": _digits("零一二三四五六七八九"),
    "koreanCounting": _korean_counting,
    "koreanLegal": _korean_legal,
    "ganada": _cycle(_GANADA),
    "chosung": _cycle(_CHOSUNG),
    "aiueo": _cycle(_AIUEO_HALF),
    "aiueoFullWidth": _cycle(_AIUEO),
    "iroha": _cycle(_IROHA_HALF),
    "irohaFullWidth": _cycle(_IROHA),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "russianLower": _bijective(_RUSSIAN),
    "russianUpper": _bijective(_RUSSIAN.upper()),
    "arabicAlpha": _bijective(_ARABIC_ALPHA),
    "hebrew1": _hebrew,
    "chicago": _repeat(_CHICAGO),
    "cardinalText": _english,
    "ordinalText": _english_ordinal,
    "hex": lambda n: f"{n:X}",
    "numberInDash": lambda n: f"- {n} -",
    "ordinal": _ordinal,
    "none": lambda n: "",
    "bullet": lambda n: "",
}


@lru_cache(maxsize=4096)
def format_number(value: int, fmt: str) -> str:
    """Render a list counter in a w:numFmt format (unknown formats fall back to decimal, as Word does)."""
    if value > MAX_VALUE:
        return str(value)
    return FORMATS.get(fmt, str)(value)


def custom_format(spec: str) -> str | None:
    """The format a w:numFmt w:val="custom" w:format="…" names: "001, 002, 003, ..." is zero-padded
    to three digits ("decimalZero3"), "一, 二, 三, ..." is chineseCounting …; None if it names none we know."""
    samples = [s.strip() for s in spec.split(",") if s.strip() and s.strip() != "..."]
    if not samples:
        return None
    first = samples[0]
    if first.isascii() and first.isdigit() and first.startswith("0") and first.endswith("1"):
        name = f"decimalZero{len(first)}"
        return name if name in FORMATS else None
    for name, render in FORMATS.items():
        if all(render(i) == sample for i, sample in enumerate(samples[:3], 1)):
            return name
    return None
