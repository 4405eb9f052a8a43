"""Numbering written by other office suites reads as they show it: LibreOffice's own .docx, WPS's XML.

The fixtures are made by tests/documents/fixtures/numbering/make.py (LibreOffice headless), never
by these tests: libreoffice.txt is the text LibreOffice renders from the .docx it wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhenggai.documents import parse_document, read_bytes
from zhenggai.documents.docx import FORMATS, MAX_VALUE, custom_format, format_number, read_docx_paragraphs

FIXTURES = Path(__file__).parent / "fixtures" / "numbering"


def squeeze(lines: list[str]) -> list[str]:
    """Lines without whitespace: a suite puts a tab or a space after the number, the text is the same."""
    return [re.sub(r"\s+", "", line) for line in lines if line.strip()]


@pytest.mark.parametrize("name", ["libreoffice", "wps"])
def test_numbering_reads_as_the_suite_shows_it(name: str) -> None:
    expected = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    read = read_docx_paragraphs((FIXTURES / f"{name}.docx").read_bytes(), f"{name}.docx")
    assert squeeze(read) == squeeze(expected)


def test_a_report_resaved_by_libreoffice_has_its_chinese_outline() -> None:
    """taiwaneseCountingThousand (LibreOffice's 一, 二, 三) reads 一、 not 1、, so the outline is found."""
    report = parse_document(read_bytes("libreoffice.docx", (FIXTURES / "libreoffice.docx").read_bytes()))
    headings = [b.marker for b in report.blocks if b.kind == "heading"]
    assert "十二、" in headings
    assert "（三）" in headings


@pytest.mark.parametrize(
    ("fmt", "values"),
    [
        (
            "chineseCounting",
            {1: "一", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 101: "一百零一"},
        ),
        ("chineseCountingThousand", {110: "一百一十", 1001: "一千零一", 1010: "一千零一十", 10000: "一万"}),
        ("taiwaneseCounting", {1: "一", 11: "十一", 20: "二十"}),
        ("taiwaneseCountingThousand", {12: "十二", 2024: "二千零二十四"}),
        ("taiwaneseDigital", {1: "一", 10: "一〇", 102: "一〇二"}),
        ("ideographDigital", {9: "九", 10: "一〇", 20: "二〇"}),
        ("japaneseCounting", {3: "三", 13: "十三"}),
        ("japaneseDigitalTenThousand", {10: "一〇"}),
        ("japaneseLegal", {1: "壱", 2: "弐", 10: "壱拾", 11: "壱拾壱"}),
        ("chineseLegalSimplified", {1: "壹", 10: "壹拾", 12: "壹拾贰", 105: "壹佰零伍"}),
        ("ideographLegalTraditional", {2: "貳", 10: "壹拾", 10000: "壹萬"}),
        ("ideographTraditional", {1: "甲", 10: "癸", 11: "11"}),
        ("ideographZodiac", {1: "子", 12: "亥", 13: "13"}),
        ("ideographZodiacTraditional", {1: "甲子", 2: "乙丑", 60: "癸亥", 61: "甲子"}),
        ("decimalEnclosedCircleChinese", {1: "①", 20: "⑳", 21: "㉑", 36: "㊱", 50: "㊿", 51: "51"}),
        ("ideographEnclosedCircle", {3: "③"}),
        ("decimalEnclosedCircle", {20: "⑳", 21: "21"}),
        ("decimalEnclosedParen", {1: "⑴", 20: "⒇", 21: "21"}),
        ("decimalEnclosedFullstop", {1: "⒈", 20: "⒛"}),
        ("decimalFullWidth", {1: "１", 12: "１２"}),
        ("decimalHalfWidth", {12: "12"}),
        ("decimalZero", {1: "01", 10: "10"}),
        ("upperLetter", {1: "A", 26: "Z", 27: "AA", 53: "AAA"}),
        ("lowerLetter", {2: "b", 28: "bb"}),
        ("upperRoman", {4: "IV", 1999: "MCMXCIX"}),
        ("lowerRoman", {9: "ix"}),
        ("koreanCounting", {10: "십", 11: "십일", 100: "백", 2024: "이천이십사"}),
        ("koreanLegal", {1: "하나", 21: "스물하나"}),
        ("koreanDigital", {10: "일영"}),
        ("koreanDigital2", {10: "一零"}),
        ("ganada", {1: "가", 15: "가"}),
        ("chosung", {2: "ㄴ"}),
        ("aiueoFullWidth", {1: "ア", 10: "コ"}),
        ("irohaFullWidth", {1: "イ", 3: "ハ"}),
        ("russianLower", {1: "а", 10: "к"}),
        ("hebrew1", {11: "יא", 15: "טו", 100: "ק"}),
        ("chicago", {1: "*", 4: "§", 5: "**"}),
        ("cardinalText", {1: "One", 21: "Twenty-one"}),
        ("ordinalText", {1: "First", 12: "Twelfth", 21: "Twenty-first", 20: "Twentieth"}),
        ("ordinal", {1: "1st", 12: "12th", 22: "22nd"}),
        ("hex", {10: "A", 255: "FF"}),
        ("numberInDash", {3: "- 3 -"}),
        ("none", {3: ""}),
        ("bullet", {3: ""}),
    ],
)
def test_every_number_format(fmt: str, values: dict[int, str]) -> None:
    assert fmt in FORMATS
    assert {n: format_number(n, fmt) for n in values} == values


def test_a_format_nobody_knows_is_decimal_and_no_counter_grows_without_bound() -> None:
    assert format_number(7, "klingonCounting") == "7"
    assert format_number(MAX_VALUE + 1, "upperLetter") == str(MAX_VALUE + 1)
    assert len(format_number(MAX_VALUE, "chicago")) <= MAX_VALUE


@pytest.mark.parametrize(
    ("spec", "fmt"),
    [
        ("001, 002, 003, ...", "decimalZero3"),
        ("0001, 0002, 0003, ...", "decimalZero4"),
        ("一, 二, 三, ...", "chineseCounting"),
        ("壹, 贰, 叁, ...", "chineseLegalSimplified"),
        ("甲, 乙, 丙, ...", "ideographTraditional"),
        ("①, ②, ③, ...", "decimalEnclosedCircle"),
        ("?, ?, ?", None),
        ("", None),
    ],
)
def test_custom_formats_as_word_2013_and_libreoffice_write_them(spec: str, fmt: str | None) -> None:
    assert custom_format(spec) == fmt
