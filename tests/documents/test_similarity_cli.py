"""`zhenggai similar` and `zhenggai check --against` as a user runs them: output, exit status, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.corpus.scoring import CORPUS
from tests.corpus.similarity import build
from zhenggai.cli import main

TEAM = Path(build.__file__).parent


def run(capsys: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def team(name: str) -> str:
    return str(TEAM / f"{name}.txt")


def test_it_lists_shared_passages_with_both_ranges_and_the_share(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = run(capsysbinary, "similar", team("b"), "--against", team("a"), team("c"), team("d"))
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith(
        f"{team('b')}:6:37-6:125 ~ {team('a')}:6:39-6:127  照搬  相似度 1.00  “平时学习"
    )
    assert any(line.startswith(f"{team('b')}:12:1-12:109 ~ {team('c')}:12:1-12:109  照搬") for line in lines)
    assert f"与 {team('a')} 相同或相近的内容 2 处，占本材料的 27.8%" in lines
    assert not any(team("d") in line for line in lines)


def test_an_edited_copy_is_reported_as_edited(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run(
        capsysbinary, "similar", team("c"), "--against", team("a"), "--notice", team("notice")
    )
    assert status == 1
    assert f"{team('c')}:7:36-7:180 ~ {team('a')}:7:35-7:179  改写  相似度 0.58" in out


def test_nothing_shared_exits_0_and_says_so(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run(
        capsysbinary, "similar", str(CORPUS / "seed.txt"), "--against", str(CORPUS / "s01.txt")
    )
    assert (status, out) == (0, "未发现与所给 1 份材料相同或相近的内容\n")


def test_a_folder_is_searched_and_the_file_itself_left_out(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = run(capsysbinary, "similar", team("d"), "--against", str(TEAM), "--json")
    assert status == 1
    result = json.loads(out)
    assert result["file"] == team("d")
    assert [s["file"] for s in result["sources"]] == [str(TEAM / "template.txt")]
    source = result["sources"][0]
    assert source["share"] == pytest.approx(0.169, abs=0.001)
    passage = source["passages"][0]
    assert passage["kind"] == "verbatim" and passage["similarity"] == 1.0
    assert passage["file"]["from"] == {"line": 4, "column": 1}
    assert passage["file"]["to"] == {"line": 4, "column": 73}
    assert passage["source"]["text"].endswith("撰写调研报告X篇")
    assert result["unreadable"] == []


def test_an_unreadable_file_exits_2_in_chinese(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    status, out, err = run(capsysbinary, "similar", str(tmp_path / "none.txt"), "--against", team("a"))
    assert (status, out) == (2, "")
    assert "找不到文件" in err and "Traceback" not in err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    status, out, err = run(capsysbinary, "similar", team("b"), "--against", team("a"), str(broken))
    assert status == 2
    assert f"{broken}: 无法读取" in err
    assert "照搬" in out  # the readable ones are still compared


def test_against_is_required_and_a_folder_without_reports_refused(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["similar", team("a")])
    assert exit_info.value.code == 2
    assert "错误：参数有误" in capsysbinary.readouterr().err.decode("utf-8")
    status, out, err = run(capsysbinary, "similar", team("a"), "--against", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == "错误：--against 所给的文件或文件夹中没有可比对的材料（.docx、.txt 等）。\n"


def test_check_against_finds_last_years_problem_repeated(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run(capsysbinary, "check", team("a-2022"), "--against", team("a"), "--enable", "copied")
    assert status == 0  # a warning
    assert out.splitlines()[0] == (
        f"{team('a-2022')}:8:27: ZG801 该问题与上年度材料“{team('a')}”第8段的问题“一是落实“一岗双责”还不够到位，对分管科…”"
        "几乎相同（相似度0.72），连续两年查摆相同问题：请说明上年度整改为何未见成效，或如实查摆新的问题"
    )


def test_check_against_finds_a_long_passage_from_a_colleague(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = run(
        capsysbinary, "check", team("b"), "--against", str(TEAM), "--enable", "copied", "--json"
    )
    assert status == 1
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in findings] == [
        ("ZG802", "error", 6, 37),
        ("ZG802", "error", 10, 1),
        ("ZG802", "error", 12, 1),
    ]
    assert findings[0]["message"] == (
        f"这段文字（83字）与“{TEAM / 'a.txt'}”第6段的内容雷同（照搬，相似度1.00），请结合本人实际撰写"
    )


def test_check_without_against_reports_no_copying(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run(capsysbinary, "check", team("b"), "--enable", "copied")
    assert (status, out) == (0, "未发现问题\n")


def test_checking_several_files_compares_each_with_the_others_never_itself(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    files = [team("b"), team("c"), team("d")]
    status, out, _ = run(
        capsysbinary, "check", *files, "-j", "1", "--against", str(TEAM), "--enable", "copied"
    )
    assert status == 1
    found = [
        (line.split(":")[0], line.split("“")[1].split("”")[0]) for line in out.splitlines() if "ZG802" in line
    ]
    assert found == [
        (team("b"), str(TEAM / "a.txt")),
        (team("b"), str(TEAM / "a.txt")),
        (team("b"), str(TEAM / "c.txt")),
        (team("c"), str(TEAM / "a.txt")),
        (team("c"), str(TEAM / "b.txt")),
        (team("d"), str(TEAM / "template.txt")),
    ]
