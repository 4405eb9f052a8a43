"""Markers, levels, headings and the layouts of FORMATS.md, on small texts."""

from __future__ import annotations

import pytest

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.markers import chinese_to_int, match_marker


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_document(read_text(text))


@pytest.mark.parametrize(
    ("text", "style", "level", "number"),
    [
        ("一、存在的问题", "cn", 1, 1),
        ("十二、其他", "cn", 1, 12),
        ("三.原因", "cn", 1, 3),
        ("一．2020年度情况", "cn", 1, 1),
        ("（一）在学习方面", "cn_paren", 2, 1),
        ("(十一)在学习方面", "cn_paren", 2, 11),
        ("（ 二 ）在学习方面", "cn_paren", 2, 2),
        ("1.学风不实", "arabic", 3, 1),
        ("1、学风不实", "arabic", 3, 1),
        ("12．学风不实", "arabic", 3, 12),
        ("1.2021年以来", "arabic", 3, 1),
        ("（1）细项", "arabic_paren", 4, 1),
        ("(3)细项", "arabic_paren", 4, 3),
        ("②细项", "circled", 5, 2),
        ("第二部分 存在的问题", "part", 1, 2),
    ],
)
def test_it_recognises_markers(text: str, style: str, level: int, number: int) -> None:
    marker = match_marker(text)
    assert marker is not None
    assert (marker.style, marker.level, marker.number) == (style, level, number)


@pytest.mark.parametrize(
    "text", ["1.5倍", "2021年", "一是学习不够", "(huì)会", "（注）说明", "一、", "第一，要学习", "三个方面"]
)
def test_it_ignores_what_only_looks_like_a_marker(text: str) -> None:
    assert match_marker(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("十八", 18), ("二十一", 21), ("一百零五", 105), ("两", 2), ("15", 15), ("X", None)]
)
def test_it_reads_chinese_numerals(text: str, value: int | None) -> None:
    assert chinese_to_int(text) == value


def test_a_run_in_heading_ends_at_its_first_sentence() -> None:
    report = parse(
        "一、存在的问题\n（一）在学习方面：一是学得不深。二是用得不够。\n（二）在“作风。”方面。内容\n"
    )
    items = report.parts[0].items
    assert [i.heading for i in items] == ["（一）在学习方面：", "（二）在“作风。”方面。"]
    assert [e.marker for e in items[0].enums] == ["一是", "二是"]
    assert items[0].enums[0].text == "学得不深。"


def test_skipped_levels_still_nest() -> None:
    report = parse("一、存在的问题\n1.学风不实。内容。\n2.作风不严。内容。\n二、原因\n（一）思想放松。\n")
    assert [i.heading for i in report.parts[0].items] == ["1.学风不实。", "2.作风不严。"]
    assert report.parts[1].role == "causes"


def test_paragraphs_opened_by_yishi_are_items_when_a_part_has_no_headings() -> None:
    report = parse("三、问题产生的原因\n一是学习不深入。内容。\n补充说明。\n二是党性有放松。内容。\n")
    part = report.parts[0]
    assert part.role == "causes"
    assert [i.heading for i in part.items] == ["一是学习不深入。", "二是党性有放松。"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("（一）在学习方面：第一，学不深；第二，用不够；第三，悟不透。", 3),
        ("（一）在学习方面：首先，学不深。其次，用不够。再次，悟不透。最后，做不实。", 4),
        ("（一）在学习方面：一要学深，二要用好，三要悟透。", 3),
        ("（一）在学习方面：统一是前提。只有一是不够的。", 0),
        ("（一）在学习方面：本节分为两个部分，一是学习，二是运用。", 0),
        ("（一）在学习方面：整改措施：1.建立制度。2.定期检查。3.通报。", 3),
    ],
)
def test_it_counts_enumerations(text: str, count: int) -> None:
    report = parse("一、存在的问题\n" + text + "\n")
    assert len(report.parts[0].items[0].enums) == count


def test_sub_headings_of_an_item_are_its_enumerations() -> None:
    report = parse("一、存在的问题\n（一）形式主义方面\n1、学风不实。内容。\n2、文风不正。内容。\n")
    assert [e.marker for e in report.parts[0].items[0].enums] == ["1、", "2、"]


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("一、上年度民主生活会整改落实情况", "previous_rectification"),
        ("一、上一次民主生活会整改措施落实情况", "previous_rectification"),
        ("一、2022年度组织生活会查摆问题整改情况", "previous_rectification"),
        ("二、存在的主要问题", "problems"),
        ("二、存在的問題", "problems"),
        ("二、检视问题", "problems"),
        ("二、巡察反馈问题整改落实情况", "problems"),
        ("二、存在的问题及整改措施", "problems"),
        ("二、在“党的建设”方面", "problems"),
        ("三、问题产生的原因", "causes"),
        ("三、存在问题的原因分析", "causes"),
        ("三、原因剖析", "causes"),
        ("三、問題產生的根源", "causes"),
        ("四、努力方向和整改措施", "measures"),
        ("四、下一步打算", "measures"),
        ("四、今后的努力方向", "measures"),
        ("一、指导思想", "other"),
        ("一、学习教育的主要收获", "other"),
    ],
)
def test_it_gives_each_part_its_role_from_what_it_says(heading: str, role: str) -> None:
    report = parse(f"标题\n{heading}\n内容。\n")
    assert report.parts[0].role == role


def test_a_part_of_problems_with_their_measures_is_problems() -> None:
    report = parse(
        "三、整改任务及措施\n（一）关于学习不深的问题\n整改措施：内容。\n（二）关于作风不实的问题\n内容。\n"
    )
    assert report.parts[0].role == "problems"


def test_every_part_of_a_notice_is_other() -> None:
    report = parse("关于召开民主生活会的通知\n一、存在的问题\n内容。\n二、整改措施\n内容。\n")
    assert report.kind == "notice"
    assert {p.role for p in report.parts} == {"other"}


def test_a_heading_glued_to_the_previous_paragraph_is_split_off() -> None:
    report = parse(
        "一、指导思想\n内容。\n二、组织领导\n做到事事有回音。三、整改任务及措施\n（一）关于学习的问题\n内容。\n"
    )
    assert [p.heading for p in report.parts] == ["一、指导思想", "二、组织领导", "三、整改任务及措施"]
    assert report.parts[2].paragraphs[0].line == 4


def test_a_document_without_outline_is_one_part() -> None:
    report = parse("一段话。\n又一段话。\n")
    assert len(report.parts) == 1
    assert (report.parts[0].heading, report.parts[0].role) == ("", "other")


def test_hard_wrapped_text_is_rejoined() -> None:
    para = "我们在学习上存在不足，主要是学习不够系统深入，满足于读文件听报告，" * 4
    wrapped = "\n".join(para[i : i + 30] for i in range(0, len(para), 30))
    text = (
        "一、存在的问题\n（一）在学习方面：一是学得不深。\n" + wrapped + "\n二是用得不够。\n" + wrapped + "\n"
    )
    report = parse(text * 1 + "二、原因\n" + wrapped + "\n")
    assert len(report.parts) == 2
    assert len(report.parts[0].items[0].enums) == 2


def test_a_hard_wrapped_title_stays_the_title() -> None:
    from tests.corpus.scoring import CORPUS
    from tests.corpus.variants import hard_wrap

    report = parse(hard_wrap((CORPUS / "s14.txt").read_text(encoding="utf-8")))
    assert report.title.startswith("中共青岚区文化和旅游局党组")
    assert report.kind == "inspection"


def test_x_inside_a_web_address_is_no_placeholder() -> None:
    report = parse("访问 https://example.com/x?x=1 或 x@xx.cn 查看，XX同志。")
    assert [p.text for p in report.placeholders] == ["XX"]


def test_claims_split_sentences_written_with_ascii_punctuation() -> None:
    report = parse("截至8月底,巡察反馈的4个方面8个问题,已完成整改7个.其余工作持续推进,金额1.5万元.")
    assert [c.text for c in report.claims] == ["截至8月底,巡察反馈的4个方面8个问题,已完成整改7个."]
