"""Inspection feedback read as categories → problems: the corpus, each layout, the claim, the command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.corpus.feedback.scoring import HERE, score_directory
from zhenggai.documents.feedback import COUNT_DIFFERS, NOTHING_READ, read_feedback_text


def problems(text: str) -> list[tuple[str, str]]:
    feedback = read_feedback_text(text)
    return [(c.name, p.text) for c, p in feedback.problems]


@pytest.mark.parametrize("part", ["tuning", "held-out"])
def test_the_feedback_corpus_reads_at_its_floors(part: str) -> None:
    score = score_directory(HERE, part=part)
    summary = score.summary()
    assert summary["f1"] >= 0.98, score.lost
    assert summary["category"] >= 0.98, score.lost
    assert summary["line"] >= 0.98, score.lost
    assert summary["claim"] == 1.0, score.lost
    assert summary["count_check"] == 1.0, score.lost


def test_numbered_categories_with_problems_numbered_across_them_and_ascii_punctuation() -> None:
    text = (
        "关于巡察某局党组的反馈意见\n根据安排,巡察组开展了巡察.现将问题反馈如下.\n一、巡察发现的主要问题\n"
        "(一)贯彻落实决策部署方面\n1.理论学习不深入.学习流于形式.\n2.项目推进缓慢.\n"
        "(二)全面从严治党方面\n3.主体责任不到位.研究党风廉政建设少.\n"
        "二、意见建议\n(一)提高站位,强化理论武装.\n某巡察组\n2024年1月2日\n"
    )
    assert problems(text) == [
        ("贯彻落实决策部署方面", "理论学习不深入.学习流于形式."),
        ("贯彻落实决策部署方面", "项目推进缓慢."),
        ("全面从严治党方面", "主体责任不到位.研究党风廉政建设少."),
    ]


def test_issue_lines_under_top_level_categories() -> None:
    text = (
        "反馈问题清单\n共反馈问题2个方面3个，请抓好整改。\n一、政治建设方面\n问题1：学习不深入。\n"
        "问题2：决策程序不规范。\n二、作风建设方面\n问题3：公务接待超标准。\n附件：模板\n"
    )
    feedback = read_feedback_text(text)
    assert [(c.heading, len(c.problems)) for c in feedback.categories] == [
        ("一、政治建设方面", 2),
        ("二、作风建设方面", 1),
    ]
    assert feedback.claimed is not None and feedback.claimed.to_json() == {"categories": 2, "problems": 3}
    assert feedback.findings == []


def test_news_text_categories_run_in_with_enumerations_and_requirements_left_out() -> None:
    text = (
        "巡视组反馈巡视情况\n根据统一部署，巡视组开展了巡视。巡视也发现一些问题。\n"
        "在贯彻落实决策部署方面：一是发展举措不够有力；二是风险防控有薄弱环节。\n"
        "在全面从严治党方面：一是主体责任落实不到位；二是“四风”问题禁而未绝。\n"
        "组长要求，一要提高政治站位；二要抓好整改落实。\n（来源：某日报）\n"
    )
    assert problems(text) == [
        ("在贯彻落实决策部署方面", "发展举措不够有力"),
        ("在贯彻落实决策部署方面", "风险防控有薄弱环节。"),
        ("在全面从严治党方面", "主体责任落实不到位"),
        ("在全面从严治党方面", "“四风”问题禁而未绝。"),
    ]


def test_the_preamble_enumerating_how_the_inspection_worked_holds_no_problem() -> None:
    text = (
        "反馈意见\n巡视组紧扣职能责任开展监督：一是看落实决策部署情况，二是看全面从严治党情况。"
        "现将巡视情况反馈如下。\n（一）决策部署方面\n1.推进不力。\n2.统筹不够。\n"
    )
    assert [t for _, t in problems(text)] == ["推进不力。", "统筹不够。"]


def test_prose_problems_each_opened_by_you_de_or_bu_fen() -> None:
    text = (
        "督查通报\n二、存在的主要问题\n（一）项目推进不够有力。有的项目手续滞后。部分项目进度慢，"
        "如某镇只完成一半。个别部门协调不及时；有的部门等靠思想严重。\n三、下一步工作要求\n"
        "（一）强化责任。一要倒排工期；二要加强保障。\n"
    )
    assert [t for _, t in problems(text)] == [
        "有的项目手续滞后。",
        "部分项目进度慢，如某镇只完成一半。",
        "个别部门协调不及时",
        "有的部门等靠思想严重。",
    ]


def test_a_flat_list_without_categories() -> None:
    text = (
        "反馈意见\n一、巡察发现的主要问题\n1.会议记录不完整。\n2.村务公开不及时。\n"
        "二、整改要求\n1.逐条制定整改措施。\n"
    )
    feedback = read_feedback_text(text)
    assert [(c.heading, [p.text for p in c.problems]) for c in feedback.categories] == [
        ("", ["会议记录不完整。", "村务公开不及时。"])
    ]


def test_a_claimed_count_that_differs_is_a_finding() -> None:
    text = "通报\n督查发现，还存在2个方面4个问题。\n（一）作风方面\n1.标准不高。\n2.台账不实。\n（二）纪律方面\n1.纪律松弛。\n"
    feedback = read_feedback_text(text)
    assert [f.code for f in feedback.findings] == [COUNT_DIFFERS]
    assert "2个方面4个问题" in feedback.findings[0].message
    assert "2个方面3个问题" in feedback.findings[0].message
    assert feedback.findings[0].line == 2


def test_text_without_problems_says_so() -> None:
    feedback = read_feedback_text("这是一段没有问题的文字。")
    assert feedback.categories == []
    assert [f.code for f in feedback.findings] == [NOTHING_READ]


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "zhenggai", *args], capture_output=True, timeout=60)


def test_the_feedback_command_prints_the_json_interface_of_the_issue() -> None:
    result = run("feedback", str(HERE / "f01.txt"), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert set(data) >= {"categories", "claimed", "findings"}
    assert data["claimed"] == {"categories": 3, "problems": 9}
    assert data["findings"] == []
    first = data["categories"][0]
    assert first["heading"] == "（一）贯彻落实党的理论和路线方针政策及党中央决策部署方面"
    assert first["line"] == 7
    assert first["problems"][0] == {
        "text": "理论武装不够深入。党组理论学习中心组学习以领读文件为主，2022年以来12次集中学习中有9次未安排研讨交流，"
        "学习记录与个人笔记内容雷同，学用结合不紧密。",
        "line": 8,
    }


def test_the_feedback_command_reports_a_wrong_count_with_exit_status_1() -> None:
    result = run("feedback", str(HERE / "f04.txt"))
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert out.startswith("f04.txt：读出3个方面11个问题")
    assert "（一）项目建设推进不够有力。" in out
    assert "ZG901" in out and "3个方面12个问题" in out


def test_the_feedback_command_refuses_a_missing_file_in_chinese() -> None:
    result = run("feedback", "nowhere.txt")
    assert result.returncode == 2
    assert "找不到文件" in result.stderr.decode("utf-8")
    assert b"Traceback" not in result.stderr
