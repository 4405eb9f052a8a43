"""The proposed ledger rows: problems with the measures that answer them, and inspection feedback."""

from pathlib import Path

from zhenggai.documents import parse_file, read_notice_aspects, read_text
from zhenggai.documents.mapping import propose_feedback_problems, propose_report_mapping
from zhenggai.documents.report import parse_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

FEEDBACK = """市委第二巡察组关于对市农业农村局党组开展常规巡察的反馈意见
根据市委统一部署，2024年3月至5月，市委第二巡察组对市农业农村局党组开展了常规巡察。现将巡察发现的主要问题反馈如下。
一、巡察发现的主要问题
（一）贯彻落实党的理论和路线方针政策方面
1.学习贯彻习近平新时代中国特色社会主义思想不够深入，理论学习中心组学习流于形式，专题研讨发言质量不高。
2.落实乡村振兴战略有差距，部分产业扶持项目效益不佳，3个项目建成后闲置。
（二）落实全面从严治党战略部署方面。一是主体责任落实不到位，党组研究党风廉政建设工作次数偏少；二是农机购置补贴审核把关不严，存在重复申报现象；三是公务接待管理不规范。
（三）落实新时代党的组织路线方面
干部队伍年龄结构老化，35岁以下干部占比不足10%。
二、整改意见建议
（一）提高政治站位，强化理论武装。
（二）压实管党治党责任。
"""


def _seed():
    aspects = read_notice_aspects(CORPUS / "seed-notice.txt")
    return parse_file(CORPUS / "seed.txt", aspects), aspects


def test_it_proposes_every_enumerated_problem_of_the_seed():
    report, aspects = _seed()
    problems = propose_report_mapping(report)
    # 16 enumerated problems under (一)–(六), and (七)–(九) as items without enumerations.
    assert len(problems) == 19
    assert problems[0].description.startswith("理解领悟还不够深透。")
    assert problems[0].aspect == aspects[0]
    assert problems[0].line == 11
    assert problems[14].aspect == "在履行意识形态职责方面"


def test_every_problem_gets_a_measure_and_every_measure_a_problem():
    report, _ = _seed()
    problems = propose_report_mapping(report)
    assert all(p.measures for p in problems)
    used = {m.line for p in problems for m in p.measures}
    assert used == {26, 27, 28, 29, 30}


def test_the_measure_on_contact_with_the_masses_answers_the_deputies_problem():
    report, _ = _seed()
    problems = propose_report_mapping(report)
    deputies = next(p for p in problems if p.description.startswith("人大代表联系群众"))
    assert deputies.measures[0].text.startswith("强化联系群众服务群众实效")


def test_measures_written_inside_an_item_go_to_its_problems():
    report = parse_file(CORPUS / "extra" / "x03.txt")
    problems = propose_report_mapping(report)
    assert len(problems) == 9
    roads = next(p for p in problems if p.description.startswith("基础设施仍有短板"))
    assert [m.text for m in roads.measures] == ["积极争取上级资金，2025年底前完成剩余通组道路硬化"]
    # The label and what follows it never stay in the problem's description.
    assert all("整改措施" not in p.description for p in problems)
    assert all(m.score == 1.0 for p in problems for m in p.measures)


def test_problem_headings_take_their_sub_points_as_measures():
    report = parse_file(CORPUS / "s11.txt")
    problems = propose_report_mapping(report)
    assert [p.description for p in problems][:2] == [
        "关于学习贯彻党的创新理论不够深入的问题",
        "关于落实乡村振兴决策部署有偏差的问题",
    ]
    assert len(problems[0].measures) == 3
    assert problems[0].measures[0].text.startswith("修订完善局党组理论学习中心组学习制度")


def test_an_inspection_report_keeps_its_rectification_under_each_problem():
    report = parse_file(CORPUS / "extra" / "x04.txt")
    problems = propose_report_mapping(report)
    assert len(problems) == 9
    assert problems[0].aspect.startswith("在“贯彻落实党的路线方针政策")
    assert problems[1].description == "关于重大项目推进缓慢的问题"
    assert len(problems[1].measures) == 3
    # The signature and date closing the document are no measures.
    assert not any(m.text.endswith("委员会") for p in problems for m in p.measures)


def test_a_report_without_measures_proposes_problems_alone():
    report = parse_file(CORPUS / "s14.txt")
    problems = propose_report_mapping(report)
    assert problems
    assert all(p.description for p in problems)


def test_feedback_numbered_and_inline_problems():
    report = parse_document(read_text(FEEDBACK, "反馈意见.txt"))
    problems = propose_feedback_problems(report)
    assert [p.description for p in problems] == [
        "学习贯彻习近平新时代中国特色社会主义思想不够深入，理论学习中心组学习流于形式，专题研讨发言质量不高。",
        "落实乡村振兴战略有差距，部分产业扶持项目效益不佳，3个项目建成后闲置。",
        "主体责任落实不到位，党组研究党风廉政建设工作次数偏少",
        "农机购置补贴审核把关不严，存在重复申报现象",
        "公务接待管理不规范。",
        "干部队伍年龄结构老化，35岁以下干部占比不足10%。",
    ]
    assert problems[0].aspect == "贯彻落实党的理论和路线方针政策方面"
    assert problems[2].aspect == "落实全面从严治党战略部署方面"
    assert all(not p.measures for p in problems)


def test_feedback_read_from_a_rectification_report_lists_its_problems():
    problems = propose_feedback_problems(parse_file(CORPUS / "extra" / "x04.txt"))
    assert len(problems) == 9
    assert problems[-1].description.startswith("关于选人用人程序不够规范的问题")
    assert "整改情况" not in problems[0].description


def test_feedback_without_outline_gives_nothing_rather_than_noise():
    report = parse_document(read_text("这是一段没有编号的文字。", "x.txt"))
    assert propose_feedback_problems(report) == []
