"""ZG401–ZG404: counts the text claims against what it lists."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks

REPORT = """对照检查材料
我重点从{aspects}个方面查摆出{problems}个问题，制定整改措施{measures}条。
一、存在的问题
（一）在理论学习方面：一是学习不够深入。二是学用结合不紧。
（二）在担当作为方面：一是工作标准不高。二是攻坚克难不够。三是创新意识不强。
（三）巡察反馈情况。按期完成整改。
二、原因剖析
理想信念有所弱化。
三、整改措施
（一）加强理论学习。每周集中学习。
（二）提高工作标准。对标先进。
（三）抓好巡察整改。逐项销号。
"""


def findings(text: str) -> list[Finding]:
    return run_checks(parse_document(read_text(text)), CheckContext(), enable=["claims"])


def test_claims_that_match_the_lists_are_fine() -> None:
    # 2 aspect items (the status item says no 方面); 2+3+1 enumerated problems; 3 measures
    assert findings(REPORT.format(aspects=2, problems=6, measures=3)) == []


def test_problems_may_be_counted_as_items() -> None:
    assert findings(REPORT.format(aspects="两", problems="三", measures="三")) == []
    assert findings(REPORT.format(aspects=2, problems=5, measures=3)) == []  # without 巡察反馈情况


def test_a_wrong_aspect_count_is_reported_at_the_claim() -> None:
    found = findings(REPORT.format(aspects=5, problems=6, measures=3))
    assert [(f.code, f.severity, f.line) for f in found] == [("ZG401", "warning", 2)]
    assert found[0].message == "文中称“5个方面”，但下文列出2个方面，请核对数字或补全问题"
    assert found[0].column == 1 and found[0].excerpt.startswith("我重点从5个方面")


def test_wrong_problem_and_measure_counts_are_reported() -> None:
    found = findings(REPORT.format(aspects=2, problems=18, measures=42))
    assert [f.code for f in found] == ["ZG402", "ZG403"]
    assert "“18个问题”，但下文列出6个问题" in found[0].message
    assert "“42条措施”，但下文列出3条措施" in found[1].message


def test_unreadable_numbers_are_left_to_the_placeholder_rule() -> None:
    assert findings(REPORT.format(aspects="X", problems="XX", measures="XX")) == []


PREVIOUS = """一、上年度民主生活会整改落实情况
上年度民主生活会查摆出{total}个问题，目前已整改到位{done}项，还有{pending}项正在整改。
二、存在的问题
（一）学习方面。学习不够。
"""


def test_done_and_pending_must_add_up_to_last_years_total() -> None:
    found = findings(PREVIOUS.format(total=8, done=6, pending=3))
    assert [(f.code, f.line) for f in found] == [("ZG404", 2)]
    assert "共8个问题" in found[0].message and "合计9项" in found[0].message
    assert findings(PREVIOUS.format(total=9, done=6, pending=3)) == []


def test_unreadable_totals_are_not_compared() -> None:
    assert findings(PREVIOUS.format(total="XX", done=6, pending=3)) == []
