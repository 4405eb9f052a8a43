"""Hostile and random inputs: parse and check never raise, whatever the text or .docx.

The check registry turns a rule that raises into a ZG001 finding, so "never raises" alone would
hold even if every rule crashed: each test here also asserts that no finding is a ZG001.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhenggai.documents import DocumentError, parse_document, read_bytes, read_text
from zhenggai.documents.checks import INTERNAL_ERROR, CheckContext, run_checks

HOSTILE = (Path(__file__).parent / "hostile_inputs.txt").read_text(encoding="utf-8")
BLOCKS = [b.strip("\n") for b in HOSTILE.split("====")[1:]]


def _parse_and_check(text: str) -> None:
    report = parse_document(read_text(text))
    report.to_json()
    if report.paragraphs:
        assert report.parts, "text was read but no part of it"
    findings = run_checks(report, CheckContext(aspects=["学习方面", "作风方面"]))
    assert [f for f in findings if f.code == INTERNAL_ERROR] == [], "a rule crashed (ZG001)"


@pytest.mark.parametrize("text", BLOCKS)
def test_hostile_text_parses(text: str) -> None:
    _parse_and_check(text)
    _parse_and_check(text * 200)


def test_huge_inputs_parse() -> None:
    _parse_and_check("一是" * 200_000)
    _parse_and_check(("（一）在学习方面：一是不深。" * 50 + "\n") * 400)
    _parse_and_check("X" * 500_000)
    _parse_and_check("。" * 300_000 + "一、问题")


# Text built from the pieces our parser cares about, so random inputs reach deep into it.
PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（1）",
        "①",
        "一是",
        "二是",
        "第一，",
        "首先，",
        "最后，",
        "。",
        "：",
        "；",
        "，",
        "“",
        "”",
        "\n",
        "\r\n",
        " ",
        "\u3000",
        "\u200b",
        "存在的问题",
        "原因",
        "整改措施",
        "上年度",
        "方面",
        "XX",
        "×××",
        "5方面18个问题",
        "巡察",
        "通知",
        "问題",
        "分为两个部分，",
        "(huì)",
        "第1页共2页",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=120).map("".join)
)


@given(TEXTS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_text_makes_parse_or_check_raise(text: str) -> None:
    _parse_and_check(text)


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_no_bytes_make_the_reader_raise_anything_but_document_error(data: bytes) -> None:
    for name in ("a.txt", "a.docx"):
        try:
            report = parse_document(read_bytes(name, data))
        except DocumentError as refused:
            assert refused.__cause__ is None, f"the reader crashed: {refused.__cause__!r}"
            continue
        if report.paragraphs:
            assert report.parts, "text was read but no part of it"
        findings = run_checks(report, CheckContext())
        assert [f for f in findings if f.code == INTERNAL_ERROR] == [], "a rule crashed (ZG001)"
