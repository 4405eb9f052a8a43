"""ZG201–ZG206: outline numbering."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks


def findings(text: str) -> list[Finding]:
    return run_checks(parse_document(read_text(text)), CheckContext(), enable=["numbering"])


def codes(text: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings(text)]


GOOD = """对照检查材料
一、存在的问题
（一）在理论学习方面。学习不够深入。
1.学用结合不紧。对新思想学习不够。
2.系统学习不够。满足于碎片化学习。
（二）在担当作为方面。工作标准不高。
二、整改措施
（一）加强理论学习。每周集中学习一次。
（二）提高工作标准。对标先进找差距。
"""


def test_a_well_numbered_outline_has_no_findings() -> None:
    assert findings(GOOD) == []


def test_a_gap_names_the_missing_marker() -> None:
    found = findings("一、存在的问题\n（一）学习不够。\n（三）作风不实。")
    assert [(f.code, f.severity, f.line, f.column) for f in found] == [("ZG201", "error", 3, 1)]
    assert found[0].message == "编号跳号：“（一）”之后是“（三）”，缺少“（二）”，请重新编号"
    assert found[0].excerpt == "（三）作风不实。"


def test_a_repeat_says_what_the_number_should_be() -> None:
    found = findings("一、存在的问题\n（一）学习不够。\n（二）作风不实。\n（二）纪律松弛。")
    assert [f.code for f in found] == ["ZG202"]
    assert "应为“（三）”" in found[0].message


def test_numbers_out_of_order_are_reported() -> None:
    text = "一、问题\n（一）学习方面。\n1.学习不够。\n3.作风不实。\n2.纪律松弛。"
    assert codes(text) == [("ZG201", 4), ("ZG202", 5)]


def test_a_skipped_level_is_a_marker_of_another_level() -> None:
    assert codes("一、问题\n1.学习不够。\n2.作风不实。") == [("ZG203", 2)]


def test_a_list_that_starts_again_at_one_is_a_new_list() -> None:
    text = "一、问题\n（一）学习方面。\n1.学习不够。\n2.思考不深。\n正文。\n1.作风不实。\n2.调研不深。"
    assert findings(text) == []


def test_level_one_must_start_at_one() -> None:
    found = findings("二、存在的问题\n三、原因剖析")
    assert [f.code for f in found] == ["ZG205"]
    assert "编号应从“一、”开始" in found[0].message


def test_a_marker_of_another_level_is_reported_once_per_group() -> None:
    found = findings("一、存在的问题\n（1）学习不够。\n（2）作风不实。\n二、整改措施\n（一）加强学习。")
    assert [(f.code, f.line) for f in found] == [("ZG203", 2)]
    assert "应使用“（一）”式编号，这里用了“（1）”式" in found[0].message


def test_mixed_forms_among_siblings_are_reported() -> None:
    found = findings("一、问题\n（一）学习方面。\n1.学习不够。\n2、思考不深。\n3.调研不够。")
    assert [(f.code, f.line) for f in found] == [("ZG204", 4)]
    assert "“2、”" in found[0].message and "“1.”" in found[0].message


def test_half_width_parentheses_in_markers_are_reported_once() -> None:
    found = findings("一、问题\n(一)学习不够。\n(二)作风不实。\n(三)纪律松弛。")
    assert [(f.code, f.line) for f in found] == [("ZG206", 2)]
    assert "全文共3处" in found[0].message and "“（一）”" in found[0].message


def test_numbers_in_sentences_are_not_markers() -> None:
    assert findings("一、问题\n（一）学习方面。\n2021年学习12次，1.5万字笔记。\n（二）作风方面。") == []
