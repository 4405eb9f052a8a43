"""ZG301–ZG304: the parts a self-examination report must have."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks

FULL = """一、上年度民主生活会整改落实情况
上年度查摆的问题已全部整改。
二、存在的问题
（一）在理论学习方面。学习不够深入。
三、问题产生的原因
理想信念有所弱化。
四、整改措施
加强理论学习。
"""


def findings(text: str, previous: bool = False) -> list[Finding]:
    report = parse_document(read_text(text))
    return run_checks(report, CheckContext(previous_meeting=previous), enable=["required-parts"])


def test_a_complete_report_has_no_findings() -> None:
    assert findings(FULL, previous=True) == []


def test_missing_causes_and_measures_are_errors() -> None:
    found = findings("一、存在的问题\n（一）学习方面。学习不够深入。")
    assert [(f.code, f.severity) for f in found] == [("ZG302", "error"), ("ZG303", "error")]
    assert "原因剖析" in found[0].message and "整改措施" in found[1].message


def test_missing_problems_is_an_error() -> None:
    found = findings("一、原因剖析\n理想信念弱化。\n二、整改措施\n加强学习。")
    assert [f.code for f in found] == ["ZG301"]


def test_a_combined_problems_and_causes_part_counts_as_both() -> None:
    text = "一、存在的问题及原因\n（一）学习方面。学习不够深入。\n二、下一步努力方向\n加强学习。"
    assert findings(text) == []


def test_last_years_rectification_is_required_when_the_notice_asks() -> None:
    found = findings(FULL.split("二、", 1)[1].join(["二、", ""]), previous=True)
    assert [(f.code, f.severity) for f in found] == [("ZG304", "error")]
    assert "上年度" in found[0].message


def test_the_report_mentioning_last_years_meeting_asks_for_the_part() -> None:
    text = "对照上年度民主生活会查摆的问题，我逐项整改。\n" + FULL.split("二、", 1)[1].join(["二、", ""])
    assert [(f.code, f.severity) for f in findings(text)] == [("ZG304", "warning")]


def test_without_a_previous_meeting_the_part_is_not_required() -> None:
    assert findings(FULL.split("二、", 1)[1].join(["二、", ""])) == []


def test_notices_are_not_reports() -> None:
    assert findings("关于召开民主生活会的通知\n一、会议主题\n学党史。\n二、有关要求\n按时参会。") == []
