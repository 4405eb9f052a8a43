"""`zhenggai check` as a user runs it: the linter output, --json, rule selection, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents.docx_builders import abstract_num, build_docx, level, num
from zhenggai.cli import main

CORPUS = Path(__file__).parent.parent / "corpus"
SEED, NOTICE = str(CORPUS / "seed.txt"), str(CORPUS / "seed-notice.txt")


def check(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def write(tmp_path: Path, text: str, name: str = "report.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CLEAN = "一、存在的问题\n（一）在理论学习方面：学习不够深入。\n二、原因剖析\n理想信念弱化。\n三、整改措施\n（一）加强理论学习，深入学习理论。\n"


def test_a_clean_report_exits_0(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    assert check(capsysbinary, write(tmp_path, CLEAN)) == (0, "未发现问题\n", "")


def test_errors_exit_1_with_one_line_per_finding_and_a_summary(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    path = write(tmp_path, CLEAN.replace("学习不够深入", "学习XX不够深入,思考不深"))
    status, out, _ = check(capsysbinary, path)
    assert status == 1
    assert out.splitlines() == [
        f"{path}:2:14: ZG101 占位符“XX”未填写，请填入实际内容",
        f"{path}:2:20: ZG702 中文句子中使用了半角标点“,”，请改为全角“，”",
        "共发现 2 个问题（错误 1 个，警告 1 个）",
    ]


def test_warnings_alone_exit_0(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    status, out, _ = check(
        capsysbinary, write(tmp_path, CLEAN.replace("学习不够深入", "学习不够深入,思考不深"))
    )
    assert status == 0
    assert out.endswith("共发现 1 个问题（错误 0 个，警告 1 个）\n")


def test_the_seed_report(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = check(capsysbinary, SEED, "--notice", NOTICE)
    assert status == 1
    assert f"{SEED}:3:21: ZG101 占位符“X”未填写，请填入实际内容" in out.splitlines()
    assert out.splitlines()[-1] == "共发现 24 个问题（错误 17 个，警告 4 个，提示 3 个）"


def test_json_has_exactly_the_interface_of_design_md(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = check(capsysbinary, SEED, "--json")
    assert status == 1
    data = json.loads(out)
    assert list(data) == ["findings"]
    assert data["findings"][0] == {
        "code": "ZG401",
        "severity": "warning",
        "message": "文中称“5个方面”，但下文列出6个方面，请核对数字或补全问题",
        "line": 1,
        "column": 1,
        "excerpt": data["findings"][0]["excerpt"],
    }
    assert "XX" in out and "\\u" not in out  # ensure_ascii=False


def test_enable_and_disable_select_rules(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _, out, _ = check(capsysbinary, SEED, "--enable", "wording", "--json")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"ZG704"}
    status, out, _ = check(capsysbinary, SEED, "--disable", "placeholders", "--disable", "ZG704", "--json")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert status == 0 and "ZG101" not in codes and "ZG704" not in codes and "ZG401" in codes


def test_an_unknown_rule_exits_2_with_a_chinese_message(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = check(capsysbinary, SEED, "--enable", "spelling")
    assert (status, out) == (2, "")
    assert err == "错误：没有名为“spelling”的审核规则，请用 --list-rules 查看可用的规则名称和代码。\n"


def test_list_rules_shows_every_rule(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = check(capsysbinary, SEED, "--list-rules")
    assert status == 0
    assert (
        out.splitlines()[0]
        == "placeholders  ZG101  默认启用  模板中的占位符（X、XX、×××、○○、某某、【待补】等）未填写"
    )
    assert len(out.splitlines()) == 14


def test_a_missing_file_exits_2_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "check", "no-such-report.txt"], capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == "错误：找不到文件“no-such-report.txt”，请检查路径是否正确。\n"


def test_an_unreadable_notice_exits_2(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    notice = tmp_path / "notice.doc"
    notice.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    status, out, err = check(capsysbinary, SEED, "--notice", str(notice))
    assert (status, out) == (2, "")
    assert err.startswith("错误：“notice.doc”不是有效的 Word/WPS 文件")


def test_a_plain_list_of_aspects_serves_as_the_notice(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    aspects = write(tmp_path, "在理论学习方面\n在纪律作风方面\n", "aspects.txt")
    status, out, _ = check(capsysbinary, write(tmp_path, CLEAN), "--notice", aspects)
    assert status == 0
    assert "ZG501 通知要求的第2个方面“在纪律作风方面”没有对应的问题" in out


def test_a_docx_with_automatic_numbering_is_checked_by_paragraph(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(1, 1)
    data = build_docx(
        [
            "对照检查材料",
            ("存在的问题", 1, 0),
            "（一）在理论学习方面：学习XX不够深入。",
            "（三）在担当作为方面：工作标准不高。",
            ("原因剖析", 1, 0),
            "理想信念有所弱化。",
            ("整改措施", 1, 0),
            "加强理论学习，深入学习理论，提高担当作为的工作标准。",
        ],
        numbering,
    )
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    status, out, _ = check(capsysbinary, str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:3:14: ZG101 占位符“XX”未填写，请填入实际内容",
        f"{path}:4:1: ZG201 编号跳号：“（一）”之后是“（三）”，缺少“（二）”，请重新编号",
        "共发现 2 个问题（错误 2 个，警告 0 个）",
    ]


def test_a_notice_without_aspects_is_said_on_stderr(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    notice = write(
        tmp_path,
        "关于召开会议的通知\n" + "请各单位按时参加会议，会议地点另行通知，请做好准备工作，不得缺席。" * 10,
        "notice.txt",
    )
    status, out, err = check(capsysbinary, write(tmp_path, CLEAN), "--notice", notice)
    assert (status, out) == (0, "未发现问题\n")
    assert err == "提示：未能从通知中读出查摆方面，本次不检查问题与方面的对应情况。\n"
