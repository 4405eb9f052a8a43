"""`zhenggai check` of many files and folders: in parallel, in order, a progress bar, a summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus.scoring import CORPUS
from zhenggai.documents.checks.base import CheckContext
from zhenggai.documents.checks.batch import check_many, files_of, progress_bar


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("s01.txt", "s02.txt", "s05.txt", "seed.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "sub").mkdir()
    shutil.copy(CORPUS / "s11.txt", tmp_path / "sub" / "s11.txt")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    return tmp_path


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zhenggai", "check", *args], capture_output=True, timeout=300
    )


def test_a_folder_is_searched_for_reports_in_name_order(folder: Path) -> None:
    names = [Path(p).relative_to(folder).as_posix() for p in files_of([str(folder)])]
    assert names == ["s01.txt", "s02.txt", "s05.txt", "seed.txt", "sub/s11.txt"]


def test_parallel_outcomes_are_those_of_one_process_in_the_same_order(folder: Path) -> None:
    paths = list(files_of([str(folder)])) * 3
    one = list(check_many(paths, CheckContext(), [], [], jobs=1))
    many = list(check_many(paths, CheckContext(), [], [], jobs=2))
    assert [o.path for o in many] == paths
    assert many == one
    assert all(o.findings for o in one)


def test_files_and_folders_print_each_finding_then_the_summary(folder: Path) -> None:
    broken = folder / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    result = run(str(folder), str(CORPUS / "s14.txt"), "-j", "2")
    assert result.returncode == 2, "a file that cannot be read: exit 2"
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith(f"{folder / 's01.txt'}:")
    assert any(line.startswith(f"{broken}: 无法读取：") for line in lines)
    assert lines[-1].startswith("共审核 7 份材料：")
    assert "1 份无法读取" in lines[-1]
    assert b"\r" not in result.stderr, "no progress bar when stderr is no terminal"


def test_many_files_as_json(folder: Path) -> None:
    result = run(str(folder), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [Path(f["file"]).name for f in data["files"]] == [
        "s01.txt",
        "s02.txt",
        "s05.txt",
        "seed.txt",
        "s11.txt",
    ]
    assert data["summary"]["files"] == 5
    assert data["summary"]["findings"] == sum(len(f["findings"]) for f in data["files"])
    assert {"code", "severity", "message", "line", "column"} <= set(data["files"][0]["findings"][0])


def test_a_folder_without_reports_is_an_error(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert "没有可审核的材料" in result.stderr.decode("utf-8")


def test_the_progress_bar_is_drawn_in_place(capsys: pytest.CaptureFixture[str]) -> None:
    progress_bar(3, 10)
    progress_bar(10, 10)
    err = capsys.readouterr().err
    assert (
        err
        == "\r审核进度 [#########.....................] 3/10\r审核进度 [##############################] 10/10\n"
    )


def test_the_progress_bar_shows_on_a_terminal(folder: Path) -> None:
    pty = pytest.importorskip("pty")
    import os

    pid, fd = pty.fork()
    if pid == 0:  # the child: zhenggai check with its stderr on the terminal
        os.execv(sys.executable, [sys.executable, "-m", "zhenggai", "check", str(folder), "-j", "2"])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace")
    assert "审核进度 [" in text and "5/5" in text
    assert "共审核 5 份材料" in text
