"""A corrupt, truncated, tampered, foreign or newer archive is refused in Chinese, and nothing changes.

Every restore here is forced (`--force`): not even that lets a bad archive in.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import tempfile
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from tests.ops.systems import System
from tests.web.base import BaseTestCase
from zhenggai.web.backup.database import ENGINE_NAMES


def contents() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read through the test's own connection."""
    with connection.cursor() as cursor:
        found = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found[table] = sorted(cursor.fetchall(), key=repr)
    return found


def rewrite(
    source: Path, target: Path, change: dict[str, bytes | None], manifest_change: dict[str, object]
) -> None:
    """A copy of the archive with members replaced (None: removed) and manifest fields changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        manifest.update(manifest_change)
        for info in old.infolist():
            if info.filename == "manifest.json":
                continue
            data = change.get(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in change.items():
            if data is not None and name not in old.namelist():
                new.writestr(name, data)
        new.writestr("manifest.json", json.dumps(manifest))


class RestoreRefusalTestCase(BaseTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # A sound archive to spoil, made by the real command in a system of its own (a test's
        # database sits in an open transaction, which a snapshot would wait on forever).
        cls.folder = Path(tempfile.mkdtemp(prefix="zhenggai-refusals-"))
        system = System.new(cls.folder / "system")
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        cls.addClassCleanup(system.drop)
        stored = cls.folder / "system" / "evidence" / "ab" / f"ab{'0' * 30}.pdf"
        stored.parent.mkdir(parents=True)
        stored.write_bytes(b"%PDF-1.4 evidence")
        cls.archive = cls.folder / "good.zip"
        system.ok("backup", "-o", str(cls.archive))
        with zipfile.ZipFile(cls.archive) as zip_file:
            cls.manifest = json.loads(zip_file.read("manifest.json"))
        cls.file_member = next(n for n in cls.manifest["members"] if n.startswith("files/"))

    def setUp(self) -> None:
        super().setUp()
        self.finish(self.measure)  # one evidence file stored in this system

    def evidence(self) -> dict[str, bytes]:
        root = Path(self.evidence_dir)
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    def assert_refused(self, path: Path, status: int, message: str) -> None:
        before, files = contents(), self.evidence()
        self.assertEqual(len(files), 1)
        err = io.StringIO()
        with self.assertRaises(SystemExit) as exit_:
            call_command("restore", str(path), "--force", stdout=io.StringIO(), stderr=err)
        self.assertEqual(exit_.exception.code, status)
        self.assertIn(message, err.getvalue())
        self.assertTrue(err.getvalue().startswith("错误："))
        self.assertEqual(contents(), before)
        self.assertEqual(self.evidence(), files)

    def changed(self, change: dict[str, bytes | None] | None = None, **manifest: object) -> Path:
        target = self.folder / f"changed-{self._testMethodName}.zip"
        rewrite(self.archive, target, change or {}, manifest)
        return target

    def test_it_refuses_a_missing_file(self) -> None:
        self.assert_refused(self.folder / "none.zip", 2, "找不到备份文件")

    def test_it_refuses_a_corrupt_file(self) -> None:
        path = self.folder / "corrupt.zip"
        path.write_bytes(os.urandom(4096))
        self.assert_refused(path, 2, "不是有效的备份文件：文件已损坏或不完整")

    def test_it_refuses_a_truncated_archive(self) -> None:
        path = self.folder / "truncated.zip"
        data = self.archive.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        self.assert_refused(path, 2, "不是有效的备份文件：文件已损坏或不完整")

    def test_it_refuses_a_damaged_member(self) -> None:
        data = bytearray(self.archive.read_bytes())
        with zipfile.ZipFile(self.archive) as zip_file:
            info = zip_file.getinfo(self.file_member)
        start = info.header_offset
        name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
        data[start + 30 + name_length + extra_length + 1] ^= 0xFF  # a byte of the stored file
        path = self.folder / "damaged.zip"
        path.write_bytes(bytes(data))
        self.assert_refused(path, 2, "与备份清单不符")

    def test_it_refuses_a_tampered_file(self) -> None:
        path = self.changed({self.file_member: b"%PDF-1.4 forged"})
        self.assert_refused(path, 2, "的校验值（sha256）不一致")

    def test_it_refuses_a_tampered_database(self) -> None:
        member = self.manifest["database"]["member"]
        with zipfile.ZipFile(self.archive) as zip_file:
            dump = zip_file.read(member)
        self.assert_refused(
            self.changed({member: dump[:-1] + bytes([dump[-1] ^ 1])}), 2, f"{member} 的校验值（sha256）不一致"
        )

    def test_it_refuses_a_member_the_manifest_does_not_list(self) -> None:
        path = self.changed({"files/evidence/00/00000000000000000000000000000000.pdf": b"slipped in"})
        self.assert_refused(path, 2, "与备份清单不符")

    def test_it_refuses_a_member_missing(self) -> None:
        self.assert_refused(self.changed({self.file_member: None}), 2, "与备份清单不符")

    def test_it_refuses_a_zip_that_is_not_ours(self) -> None:
        path = self.folder / "other.zip"
        with zipfile.ZipFile(path, "w") as zip_file:
            zip_file.writestr("word/document.xml", "<w:document/>")
        self.assert_refused(path, 2, "不是整改系统的备份文件")

    def test_it_refuses_a_manifest_of_another_program(self) -> None:
        self.assert_refused(self.changed(format="other-backup"), 2, "不是整改系统的备份文件")

    def test_it_refuses_a_newer_format(self) -> None:
        self.assert_refused(self.changed(format_version=2), 2, "请先升级整改系统再恢复")

    def test_it_refuses_a_newer_database_schema(self) -> None:
        future = [*self.manifest["migrations"], ["ledger", "9999_from_the_future"]]
        self.assert_refused(self.changed(migrations=future), 1, "ledger.9999_from_the_future")

    def test_it_refuses_another_engine(self) -> None:
        here = connection.vendor
        other = "postgresql" if here == "sqlite" else "sqlite"
        member = self.manifest["database"]["member"]
        other_member = {"sqlite": "database/zhenggai.sqlite3", "postgresql": "database/zhenggai.sql"}[other]
        with zipfile.ZipFile(self.archive) as zip_file:
            dump = zip_file.read(member)
        members = dict(self.manifest["members"])
        members[other_member] = members.pop(member)
        database = {**self.manifest["database"], "engine": other, "member": other_member}
        path = self.changed({member: None, other_member: dump}, database=database, members=members)
        self.assert_refused(
            path, 1, f"该备份来自 {ENGINE_NAMES[other]} 数据库，而本系统使用 {ENGINE_NAMES[here]}"
        )

    def test_it_refuses_a_system_in_use_without_force(self) -> None:
        before = contents()
        err = io.StringIO()
        with self.assertRaises(SystemExit) as exit_:
            call_command("restore", str(self.archive), stdout=io.StringIO(), stderr=err)
        self.assertEqual(exit_.exception.code, 1)
        self.assertIn("当前系统不是空的", err.getvalue())
        self.assertIn("已存有 1 个佐证材料文件", err.getvalue())
        self.assertEqual(contents(), before)
