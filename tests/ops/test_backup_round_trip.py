"""`zhenggai backup` then `zhenggai restore` into a fresh system: every row and every file the same.

Each system here is a real installation driven through the command line in its own process: a data
folder of its own and, on PostgreSQL runs, a database of its own on the run's server.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ops.systems import ENGINE, System

pytestmark = pytest.mark.timeout(900)

#: A timestamp as stored with its microseconds: text on SQLite, datetime on PostgreSQL.
_MICROSECONDS = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{6}")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[System, Path, str]]:
    """A system with the demo and a binary evidence file, and its backup (with the command's output)."""
    system = System.new(tmp_path_factory.mktemp("source"))
    try:
        system.populate()
        archive = tmp_path_factory.mktemp("archives") / "zhenggai-backup.zip"
        output = system.ok("backup", "-o", str(archive))
        yield system, archive, output
    finally:
        system.drop()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[System]:
    system = System.new(tmp_path / "fresh")
    yield system
    system.drop()


def has_microseconds(contents: dict[str, list[tuple[object, ...]]]) -> bool:
    for rows in contents.values():
        for row in rows:
            for value in row:
                if getattr(value, "microsecond", 0) or (
                    isinstance(value, str) and _MICROSECONDS.search(value)
                ):
                    return True
    return False


def test_it_restores_every_row_and_every_file(source: tuple[System, Path, str], fresh: System) -> None:
    system, archive, _ = source
    out = fresh.ok("restore", str(archive))
    assert "恢复完成" in out
    before, after = system.database(), fresh.database()
    assert before.keys() == after.keys()
    for table in before:
        assert after[table] == before[table], table
    assert has_microseconds(before)
    files = system.files()
    assert len(files) >= 5
    assert fresh.files() == files


def test_a_migrated_system_without_data_counts_as_empty(
    source: tuple[System, Path, str], fresh: System
) -> None:
    system, archive, _ = source
    fresh.ok("migrate", "-v", "0")  # what `zhenggai run` does first
    fresh.ok("restore", str(archive))
    assert fresh.database() == system.database()
    assert fresh.files() == system.files()


def test_the_archive_says_what_it_holds(source: tuple[System, Path, str]) -> None:
    system, archive, output = source
    with zipfile.ZipFile(archive) as zip_file:
        manifest = json.loads(zip_file.read("manifest.json"))
        names = set(zip_file.namelist())
    assert (manifest["format"], manifest["format_version"]) == ("zhenggai-backup", 1)
    assert manifest["database"]["engine"] == ENGINE
    counts = {
        table: len(rows)
        for table, rows in system.database().items()
        if not table.startswith(("<", "sqlite_"))
    }
    assert manifest["database"]["tables"] == counts
    stored = {f"files/evidence/{name}": sha for name, sha in system.files().items()}
    assert {
        name: m["sha256"] for name, m in manifest["members"].items() if name.startswith("files/")
    } == stored
    assert names == {"manifest.json", manifest["database"]["member"], *stored}
    assert "正在生成数据库快照" in output
    assert f"佐证材料文件 {len(stored)}/{len(stored)}" in output
    assert "备份完成" in output
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes: the owner's only


def test_it_refuses_a_system_in_use_and_changes_nothing(source: tuple[System, Path, str]) -> None:
    system, archive, _ = source
    before, files = system.database(), system.files()
    done = system.run("restore", str(archive))
    assert done.returncode == 1
    assert "当前系统不是空的" in done.stderr
    assert "--force" in done.stderr
    assert system.database() == before
    assert system.files() == files


def test_force_replaces_all_data_and_files(source: tuple[System, Path, str], fresh: System) -> None:
    system, archive, _ = source
    fresh.ok("restore", str(archive))
    fresh.ok(
        "shell",
        "-c",
        "from zhenggai.orgs.models import Organisation; Organisation.objects.create(name='新增组织')",
    )
    fresh.ok("shell", "-c", POST_ONE)
    assert fresh.database() != system.database()
    assert len(fresh.files()) == len(system.files()) + 1
    out = fresh.ok("restore", "--force", str(archive))
    assert "恢复完成" in out
    assert fresh.database() == system.database()
    assert fresh.files() == system.files()


POST_ONE = """
from django.core.files.uploadedfile import SimpleUploadedFile
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure
m = Measure.objects.filter(owner__isnull=False, problem__closed_at__isnull=True).order_by("-pk").first()
services.post_progress(m.owner, m, text="追加。", files_=[SimpleUploadedFile("补充.txt", b"more")])
"""

#: Posts progress with a file in a loop until killed: the system in use while the backup runs.
WRITER = """
import itertools
from django.core.files.uploadedfile import SimpleUploadedFile
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure
m = Measure.objects.filter(owner__isnull=False, problem__closed_at__isnull=True).order_by("pk").first()
print("ready", flush=True)
for n in range(400):
    services.post_progress(m.owner, m, text=f"第{n}次进展。", files_=[SimpleUploadedFile(f"{n}.txt", b"x" * n)])
"""


def test_a_backup_taken_while_people_write_is_consistent(
    source: tuple[System, Path, str], fresh: System, tmp_path: Path
) -> None:
    system, _, _ = source
    writer = subprocess.Popen(
        [sys.executable, "-m", "zhenggai", "shell", "--no-imports", "-c", WRITER],
        env=system.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        archive = tmp_path / "busy.zip"
        system.ok("backup", "-o", str(archive))
    finally:
        writer.kill()
        writer.communicate()
    fresh.ok("restore", str(archive))  # checks every table's row count against the manifest
    stored = fresh.database()["ledger_evidence"]
    names = {
        f"{n[:2]}/{n}"
        for row in stored
        for n in row
        if isinstance(n, str) and re.fullmatch(r"[0-9a-f]{32}\.\w+", n)
    }
    assert len(names) == len(stored)
    assert names <= fresh.files().keys()
