"""Last year's problems the report leaves out, last year's open measures it calls done."""

from pathlib import Path

from zhenggai.documents import parse_file, read_text
from zhenggai.documents.previous import claimed_done, previous_paragraphs, unmentioned_problems
from zhenggai.documents.report import parse_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

REPORT = """个人对照检查材料
一、上年度民主生活会整改落实情况
（一）关于理论学习不够系统的问题。制定了个人学习计划，每月研读原著两篇，该项措施已整改到位。
（二）关于调查研究不够深入的问题。全年到基层调研12次，形成调研报告3篇，目前仍在推进。
二、存在的问题
（一）在带头学习方面：一是学习不够深入。
三、整改措施
一是加强学习。
"""


def test_x03_mentions_its_four_problems_but_not_a_fifth():
    report = parse_file(CORPUS / "extra" / "x03.txt")
    problems = [
        (1, "理论学习走深走实不够"),
        (2, "产业发展带动能力不强，龙头企业少"),
        (3, "为民服务精准度不高。群众办事仍需多跑腿，网格服务覆盖不全。"),
        (4, "落实全面从严治党责任有差距"),
        (5, "信访积案化解不力，群众反映强烈"),
    ]
    assert unmentioned_problems(report, problems) == [5]


def test_the_seed_mentions_ideology_work_but_not_official_cars():
    report = parse_file(CORPUS / "seed.txt")
    problems = [
        ("a", "意识形态风险排查不深入，网评员管理不规范"),
        ("b", "公务用车管理不规范，存在私车公养现象"),
        ("c", "下基层调研频次不够，为帮扶村办实事力度不大"),
    ]
    assert unmentioned_problems(report, problems) == ["b"]


def test_a_report_without_the_part_mentions_nothing():
    report = parse_file(CORPUS / "s11.txt")
    assert previous_paragraphs(report) == []
    assert unmentioned_problems(report, [(1, "理论学习不够")]) == [1]
    assert claimed_done(report, [(1, "制定学习计划")]) == []


def test_a_measure_called_done_in_its_paragraph_is_found():
    report = parse_document(read_text(REPORT, "r.txt"))
    measures = [
        (10, "理论学习不够系统：制定个人学习计划，每月研读原著不少于两篇"),
        (11, "调查研究不够深入：每季度到基层调研不少于3次"),
    ]
    [claim] = claimed_done(report, measures)
    assert claim.key == 10
    assert claim.sentence == "制定了个人学习计划，每月研读原著两篇，该项措施已整改到位。"
    assert claim.line == 3
    assert not claim.overall


def test_a_claim_that_all_is_done_covers_every_open_measure():
    report = parse_file(CORPUS / "extra" / "x03.txt")
    claims = claimed_done(report, [(1, "制定班子成员一岗双责清单"), (2, "建设农产品冷链仓储中心")])
    assert [c.key for c in claims] == [1, 2]
    assert all(c.overall and c.line == 4 for c in claims)
    assert "已全部完成整改" in claims[0].sentence


def test_not_done_is_never_a_claim():
    text = REPORT.replace("该项措施已整改到位", "该项措施尚未整改到位")
    report = parse_document(read_text(text, "r.txt"))
    assert claimed_done(report, [(10, "制定个人学习计划，每月研读原著不少于两篇")]) == []


def test_the_seed_claims_nothing_done():
    report = parse_file(CORPUS / "seed.txt")
    assert claimed_done(report, [(1, "组织开展三下乡活动，为帮扶村办实事")]) == []
