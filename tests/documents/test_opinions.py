"""Opinions routed to a member against the problems of his report: which ones the report answers."""

from importlib.resources import as_file, files

from zhenggai.documents import Report, parse_file, read_text
from zhenggai.documents.opinions import OpinionText, match_report, problem_items, same_aspect
from zhenggai.documents.report import parse_document
from zhenggai.documents.text import tokens


def seed_report() -> Report:
    with as_file(files("zhenggai.examples") / "seed.txt") as path:
        return parse_file(path)


ON_MASSES = OpinionText(
    "masses", "联系群众不够经常，深入基层调研偏少，代表作用发挥不充分。", "带头践行以人民为中心的发展思想"
)
ON_STYLE = OpinionText("style", "精简会议文件不够，形式主义官僚主义问题仍然存在。")
ON_CARS = OpinionText("cars", "公务用车管理混乱，车辆私用情况时有发生。")


def test_it_reads_the_problem_items_of_a_report():
    items = problem_items(seed_report())
    assert any(i.text.startswith("理解领悟还不够深透") for i in items)
    assert any("人大代表联系群众作用发挥得还不好" in i.text for i in items)
    assert not any("努力方向" in i.text for i in items)


def test_it_matches_by_shared_key_words():
    result = {m.key: m for m in match_report([ON_MASSES, ON_STYLE, ON_CARS], seed_report())}
    assert result["masses"].answered
    assert "联系群众" in result["masses"].item.text
    assert result["style"].answered
    assert "形式主义" in result["style"].item.text
    assert not result["cars"].answered


def test_the_aspect_tips_a_close_call():
    report = parse_document(
        read_text(
            "二、存在的主要问题\n（一）在为民服务方面：一是调研不够深入。\n（二）在作风建设方面：一是会风文风不实。"
        )
    )
    plain = OpinionText("a", "下去调研的时候走马观花，不够深入细致。")
    tagged = OpinionText("a", plain.text, "在为民服务方面")
    assert match_report([tagged], report)[0].score > match_report([plain], report)[0].score
    assert match_report([tagged], report)[0].answered


def test_same_aspect_tolerates_wording():
    assert same_aspect(
        "带头践行以人民为中心的发展思想", "（三）在带头践行以人民为中心的发展思想，尊重群众意愿方面"
    )
    assert not same_aspect("带头践行以人民为中心的发展思想", "带头深刻汲取党史中正反两方面经验")
    assert not same_aspect(None, "任何方面")


def test_a_report_without_problems_answers_nothing():
    report = parse_document(read_text("一、基本情况\n今年工作很好。"))
    assert [m.answered for m in match_report([ON_MASSES], report)] == [False]


def test_latin_words_and_numbers_count_as_key_words():
    report = parse_document(
        read_text("二、存在的问题\n（一）在学习方面：一是APP 2022版账号管理混乱。二是学习不深。")
    )
    [match] = match_report([OpinionText("a", "app 2022 账号")], report)
    assert match.answered and "APP" in match.item.text


def test_tokens_are_han_bigrams_and_whole_latin_words():
    assert tokens("整改措施") == ["整改", "改措", "措施"]
    assert tokens("落实“两个维护”，PDF 2022年") == ["落实", "两个", "个维", "维护", "pdf", "2022", "年"]
