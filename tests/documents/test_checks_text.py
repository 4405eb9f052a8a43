"""ZG701–ZG706: duplicate sentences, half-width punctuation, empty items, wording, punctuation, brackets."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks


def findings(text: str, rule: str) -> list[Finding]:
    return run_checks(parse_document(read_text(text)), CheckContext(), enable=[rule])


SENTENCE = "我们要认真学习习近平新时代中国特色社会主义思想，不断提高政治站位。"


def test_a_sentence_written_twice_is_reported_where_it_repeats() -> None:
    found = findings(f"一、存在的问题\n{SENTENCE}\n二、整改措施\n坚持学习。{SENTENCE}", "ZG701")
    assert [(f.code, f.line, f.column) for f in found] == [("ZG701", 4, 6)]
    assert found[0].message == "这句话与第2段的句子重复，请删去或改写"


def test_duplicates_are_found_through_punctuation_and_spaces() -> None:
    found = findings(f"{SENTENCE}{SENTENCE.replace('，', ',')}", "ZG701")
    assert [f.message for f in found] == ["这句话与本段前文的句子重复，请删去或改写"]


def test_short_set_phrases_may_repeat() -> None:
    assert findings("一是学习不够。二是学习不够。三是学习不够。", "ZG701") == []


def test_half_width_punctuation_in_chinese_is_reported_once_per_paragraph() -> None:
    found = findings("学习不够,思考不深;调研不足(次数少)。", "ZG702")
    assert [(f.code, f.line, f.column) for f in found] == [("ZG702", 1, 5)]
    assert found[0].message == "中文句子中使用了半角标点“,”，本段共4处半角标点，请改为全角“，”"


def test_ascii_punctuation_in_latin_text_times_and_addresses_is_fine() -> None:
    text = "会议10:30召开，投入1,000万元，增长1.5%，详见https://example.com/a?b=1,c，Hello, world!"
    assert findings(text, "ZG702") == []


def test_an_item_with_nothing_below_it_is_reported() -> None:
    text = "一、存在的问题\n（一）在理论学习方面：\n（二）在担当作为方面：工作标准不高。\n二、原因剖析\n三、整改措施\n加强学习。"
    found = findings(text, "empty-items")
    assert [(f.code, f.line) for f in found] == [("ZG703", 2), ("ZG703", 4)]
    assert found[0].message == "标题“（一）在理论学习方面：”下没有内容，请补写或删去该标题"


def test_one_sentence_measures_are_not_empty() -> None:
    text = "一、整改措施\n1.加强理论学习，每周集中学习一次。\n2.改进工作作风，每月下基层调研。"
    assert findings(text, "empty-items") == []


def test_headings_of_notices_are_not_empty_items() -> None:
    assert (
        findings("关于召开民主生活会的通知\n一、会前准备\n（一）深入学习研讨\n（二）广泛征求意见", "ZG703")
        == []
    )


def test_non_standard_references_are_reported() -> None:
    found = findings("对习总书记的重要论述学习不够。认真学习总书记重要讲话精神，做好学习总结。", "wording")
    assert [(f.code, f.column) for f in found] == [("ZG704", 2)]
    assert found[0].message == "“习总书记”是不规范的表述，请改为“习近平总书记”"


def test_doubled_punctuation_is_reported() -> None:
    found = findings("学习不够深入。。思考不深，，调研不足！？", "doubled-punctuation")
    assert [(f.column, f.message) for f in found] == [
        (7, "标点“。。”重复或连用，请只保留一个"),
        (13, "标点“，，”重复或连用，请只保留一个"),
    ]


def test_unbalanced_quotes_and_brackets_are_reported() -> None:
    assert [f.column for f in findings("他说“要学习。", "brackets")] == [3]
    assert [f.message for f in findings("学习《条例》）不够。", "brackets")] == [
        "“）”前面没有对应的“（”，请补全或删去"
    ]
    assert findings("学习“两个确立”（即“两个维护”）和《准则》。", "brackets") == []
    assert findings("1）学习不够。", "brackets") == []


def test_marks_may_close_on_the_next_line_of_hard_wrapped_text() -> None:
    assert findings("要学习“两个\n确立”的决定性意义。", "brackets") == []
    found = findings("要学习“两个确立。\n下一段）。", "brackets")
    assert [(f.line, f.column) for f in found] == [(1, 4), (2, 4)]


def test_wording_in_traditional_script() -> None:
    assert [f.code for f in findings("對習總書記的論述學習不夠。", "wording")] == ["ZG704"]


def test_dates_in_dotted_or_dashed_form_are_reported() -> None:
    found = findings("会议于2021.12.3召开，2022-01-05前报送，版本1.2.3，网址a/2021/12/3。", "number-format")
    assert [(f.code, f.severity, f.column) for f in found] == [("ZG707", "info", 4), ("ZG707", "info", 16)]
    assert found[0].message == "日期“2021.12.3”请写作“2021年12月3日”"


def test_full_width_digits_are_reported_once_per_paragraph() -> None:
    found = findings("查摆出５个方面１８个问题。", "ZG708")
    assert [(f.code, f.column, f.message) for f in found] == [
        ("ZG708", 4, "数字“５”是全角数字，请改为半角“5”")
    ]
    assert findings("二〇二一年查摆出5个方面18个问题。", "number-format") == []


def test_an_aspect_heading_may_repeat_in_two_parts() -> None:
    heading = "（一）在带头深刻感悟“两个确立”的决定性意义方面"
    text = f"一、上年度整改落实情况\n{heading}\n已整改。\n二、存在的问题\n{heading}\n学习不够。"
    assert findings(text, "ZG701") == []


def test_a_sentence_after_a_run_in_heading_is_still_compared() -> None:
    text = f"一、存在的问题\n（一）学习方面：{SENTENCE}\n（二）作风方面：{SENTENCE}"
    assert [(f.line, f.column) for f in findings(text, "ZG701")] == [(3, 9)]


def test_other_non_standard_forms() -> None:
    found = findings("习总强调，习大大说过，学习总结要写好，习总书面材料。", "wording")
    assert [f.message for f in found] == [
        "“习总”是不规范的表述，请改为“习近平总书记”",
        "“习大大”是不规范的表述，请改为“习近平总书记”",
    ]
