"""Counts the text claims, and the aspects a notice requires and each problem answers."""

from __future__ import annotations

import pytest

from tests.corpus.scoring import CORPUS
from zhenggai.documents import notice_aspects, parse_document, parse_file, read_document, read_text


def claims(text: str):  # type: ignore[no-untyped-def]
    return parse_document(read_text(text)).claims


@pytest.mark.parametrize(
    ("text", "aspects", "problems", "measures", "done"),
    [
        ("我查摆出5方面18个问题。", 5, 18, None, None),
        ("共查摆问题五个方面十八个。制定整改措施42条。", None, None, 42, None),
        ("重点从5方面查摆了问题和不足。", 5, None, None, None),
        ("查摆出 5 个方面 18 个问题", 5, 18, None, None),
        ("查摆出X方面XX个问题。", None, None, None, None),
        ("其余15项问题已经全部整改到位。", None, None, None, 15),
        ("制定了二十一条整改措施，已完成整改7个。", None, None, 21, 7),
        ("查摆出5個方面18個問題。", 5, 18, None, None),
    ],
)
def test_it_reads_the_numbers_a_claim_states(
    text: str, aspects: int | None, problems: int | None, measures: int | None, done: int | None
) -> None:
    (claim,) = claims("标题\n" + text + "\n")
    assert (claim.aspects, claim.problems, claim.measures, claim.done) == (aspects, problems, measures, done)


def test_claims_know_what_they_speak_of() -> None:
    text = (
        "我从5个方面查摆了问题。\n一、上年度民主生活会整改落实情况\n上年度查摆出4方面12个问题。\n"
        "二、存在的问题\n巡察反馈意见3方面9个问题。\n"
    )
    assert [c.scope for c in claims(text)] == ["current", "previous", "inspection"]


def test_the_seed_claims() -> None:
    report = parse_file(CORPUS / "seed.txt")
    first = report.claims[0]
    assert (first.line, first.aspects, first.scope) == (1, 5, "current")
    assert [c.scope for c in report.claims[1:3]] == ["previous", "inspection"]
    assert report.claims[-1].done == 15


def test_it_reads_aspects_written_inline() -> None:
    assert notice_aspects(read_document(CORPUS / "seed-notice.txt")) == [
        "带头深刻感悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”",
        "带头牢记我们党是什么、要干什么这个根本问题，履职尽责、担当作为",
        "带头践行以人民为中心的发展思想，为群众办实事解难题",
        "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验，敢于斗争、善于斗争",
        "带头深刻汲取党史中正反两方面经验，履行全面从严治党责任",
    ]


def test_it_reads_aspects_written_as_yishi_paragraphs() -> None:
    assert notice_aspects(read_document(CORPUS / "s19.txt")) == [
        "学习党史、坚定信仰信念方面",
        "增强“四个意识”、做到“两个维护”方面",
        "践行宗旨、为群众办实事方面",
        "发挥先锋模范作用、担当作为方面",
    ]


def test_it_reads_aspects_written_as_items() -> None:
    text = (
        "关于召开2023年度民主生活会的通知\n一、会议主题\n深入学习。\n二、主要内容\n围绕以下3个方面进行对照检查：\n"
        "（一）带头坚定理想信念方面；\n（二）带头践行宗旨方面；\n（三）带头廉洁自律方面。\n"
        "三、工作要求\n（一）认真准备。\n（二）严肃纪律。\n"
    )
    assert notice_aspects(read_text(text)) == ["带头坚定理想信念方面", "带头践行宗旨方面", "带头廉洁自律方面"]


def test_it_reads_aspects_written_as_numbered_lines() -> None:
    text = "关于召开组织生活会的通知\n一、对照检查内容\n请对照以下方面：\n1.政治信仰方面。\n2.党员意识方面。\n3.担当作为方面。\n二、时间\n另行通知。\n"
    assert notice_aspects(read_text(text)) == ["政治信仰方面", "党员意识方面", "担当作为方面"]


def test_a_plain_list_gives_one_aspect_a_line() -> None:
    assert notice_aspects(read_text("理想信念方面\n宗旨意识方面；\n作风建设方面。\n")) == [
        "理想信念方面",
        "宗旨意识方面",
        "作风建设方面",
    ]


def test_each_problem_item_is_matched_to_the_aspect_it_answers() -> None:
    aspects = notice_aspects(read_document(CORPUS / "seed-notice.txt"))
    report = parse_file(CORPUS / "seed.txt", aspects)
    items = report.part("problems").items  # type: ignore[union-attr]
    assert [i.aspect_index for i in items] == [0, 1, 2, 3, 4, None, None, None, None]


@pytest.mark.parametrize("name", ["x11", "x12"])
def test_it_reads_the_aspects_of_the_extra_notices(name: str) -> None:
    import json

    extra = CORPUS / "extra"
    gold = json.loads((extra / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    assert notice_aspects(read_document(extra / f"{name}.txt")) == gold["aspects"]
