"""`zhenggai parse` and `zhenggai aspects` as a user runs them: output, exit status, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus.scoring import CORPUS
from zhenggai.cli import main

SNAPSHOT = Path(__file__).parent / "fixtures" / "seed-tree.json"


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "zhenggai", *args], capture_output=True, timeout=60)


def test_it_prints_the_seed_tree_as_json_matching_the_snapshot() -> None:
    result = run("parse", str(CORPUS / "seed.txt"), "--json")
    assert result.returncode == 0
    tree = json.loads(result.stdout.decode("utf-8"))
    tree["source"] = "seed.txt"  # the snapshot is written by tests/documents/snapshots/regenerate.py
    assert tree == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_json_has_the_interface_of_design_md() -> None:
    tree = json.loads(run("parse", str(CORPUS / "seed.txt"), "--json").stdout)
    assert {"source", "title", "parts", "placeholders", "claims"} <= set(tree)
    part = tree["parts"][1]
    assert {"heading", "role", "line", "items"} <= set(part)
    item = part["items"][0]
    assert {"heading", "line", "aspect", "enums"} <= set(item)
    assert {"marker", "text", "line"} <= set(item["enums"][0])
    assert {"text", "line", "column"} == set(tree["placeholders"][0])
    assert {"text", "line", "aspects", "problems"} <= set(tree["claims"][0])


def test_it_prints_a_readable_tree(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["parse", str(CORPUS / "seed.txt")]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "二、存在的主要问题  【存在的问题】" in out
    assert "一是 理解领悟还不够深透。" in out
    assert "未填写的占位符" in out


def test_it_prints_aspects_as_json(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["aspects", str(CORPUS / "s19.txt"), "--json"]) == 0
    assert json.loads(capsysbinary.readouterr().out)[0] == "学习党史、坚定信仰信念方面"


def test_parse_matches_items_to_the_notice(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    notice = str(CORPUS / "seed-notice.txt")
    assert main(["parse", str(CORPUS / "seed.txt"), "--notice", notice, "--json"]) == 0
    tree = json.loads(capsysbinary.readouterr().out)
    assert tree["parts"][1]["items"][0]["aspect"].startswith("带头深刻感悟")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.txt", None, "找不到文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "另存为"),
        ("scan.pdf", b"%PDF-1.4 ...", "PDF"),
        ("broken.docx", b"PK\x03\x04broken", "docx"),
    ],
)
def test_unreadable_files_exit_2_with_a_chinese_message(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    for command in ("parse", "check", "aspects"):
        result = run(command, str(path))
        assert result.returncode == 2, (command, result)
        err = result.stderr.decode("utf-8")
        assert message in err and "Traceback" not in err
        assert result.stdout == b""


def test_bad_arguments_exit_2_in_chinese() -> None:
    result = run("parse")
    assert result.returncode == 2
    assert "错误" in result.stderr.decode("utf-8")


def test_every_command_has_help() -> None:
    for command in ("parse", "check", "aspects"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert len(result.stdout.decode("utf-8")) > 100
