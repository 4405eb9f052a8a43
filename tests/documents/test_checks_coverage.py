"""ZG501–ZG503 (aspects of the notice answered) and ZG601 (problems answered by measures)."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks

ASPECTS = [
    "带头深刻感悟“两个确立”的决定性意义，增强“四个意识”",
    "带头践行以人民为中心的发展思想，为群众办实事解难题",
    "带头履行全面从严治党责任，严守政治纪律和政治规矩",
]

REPORT = """对照检查材料
一、存在的问题
（一）在带头深刻感悟“两个确立”的决定性意义方面：一是理论学习不够深入。二是政治敏锐性不强。
（二）在带头践行以人民为中心的发展思想方面：一是调查研究不够深入。二是为群众办实事不够精准。
（三）巡察反馈情况。巡察反馈的问题已全部整改。
二、原因剖析
理想信念有所弱化。
三、整改措施
（一）加强理论学习，增强政治敏锐性。坚持第一议题制度，深入学习“两个确立”的决定性意义。
（二）践行群众路线。每季度到联系点开展调查研究，为群众办实事解难题，建立问题清单。
"""


def findings(text: str, rule: str, aspects: list[str] | None = None) -> list[Finding]:
    report = parse_document(read_text(text), aspects)
    return run_checks(report, CheckContext(aspects=aspects), enable=[rule])


def test_an_aspect_without_a_problem_is_reported() -> None:
    found = findings(REPORT, "ZG501", ASPECTS)
    assert [(f.code, f.severity, f.line) for f in found] == [("ZG501", "warning", 2)]
    assert found[0].message.startswith("通知要求的第3个方面“带头履行全面从严治党责任")


def test_a_status_section_answering_no_aspect_is_only_information() -> None:
    found = findings(REPORT, "aspect-coverage", ASPECTS)
    assert [(f.code, f.severity, f.line) for f in found] == [("ZG501", "warning", 2), ("ZG503", "info", 5)]


def test_a_problem_answering_no_aspect_is_a_warning() -> None:
    text = REPORT.replace("（三）巡察反馈情况。", "（三）在意识形态工作方面：")
    found = findings(text, "ZG502", ASPECTS)
    assert [(f.code, f.severity, f.line) for f in found] == [("ZG502", "warning", 5)]
    assert "不对应通知要求的任何查摆方面" in found[0].message


def test_the_aspects_are_matched_even_when_the_parse_did_not_use_them() -> None:
    report = parse_document(read_text(REPORT))
    found = run_checks(report, CheckContext(aspects=ASPECTS), enable=["aspect-coverage"])
    assert [f.code for f in found] == ["ZG501", "ZG503"]


def test_without_a_notice_there_is_nothing_to_cover() -> None:
    assert findings(REPORT, "aspect-coverage") == []


def test_measures_that_answer_every_problem_are_fine() -> None:
    assert findings(REPORT, "measure-coverage") == []


def test_a_problem_no_measure_answers_is_reported() -> None:
    text = REPORT.replace(
        "（二）践行群众路线。每季度到联系点开展调查研究，为群众办实事解难题，建立问题清单。",
        "（二）严格落实中央八项规定精神，坚决反对形式主义官僚主义。",
    )
    found = findings(text, "measure-coverage")
    assert [(f.code, f.severity, f.line) for f in found] == [("ZG601", "warning", 4)]
    assert found[0].message.startswith("问题“（二）在带头践行以人民为中心的发展思想方面")
    assert found[0].message.endswith("在整改措施中找不到对应的措施，请针对这一问题提出整改措施")


def test_inspection_plans_hold_problems_and_measures_together() -> None:
    text = "关于巡察反馈意见整改情况的报告\n" + REPORT.split("\n", 1)[1]
    text = text.replace("为群众办实事解难题，建立问题清单", "建立台账")
    assert findings(text, "measure-coverage") == []
