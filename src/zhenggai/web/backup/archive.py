"""The backup archive: a zip whose manifest names its format, version, database and every member's sha256.

    manifest.json                    written last: see `manifest()`
    database/zhenggai.sqlite3        SQLite: the database file, copied by SQLite's online backup
    database/zhenggai.sql            PostgreSQL: pg_dump's plain SQL, taken in one snapshot
    files/<store>/<stored name>      every stored file, byte for byte (files/evidence/ab/ab….pdf)

Nothing in it is trusted before every member's size and sha256 match the manifest and the zip holds
no member the manifest does not list.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from zhenggai.web.backup.errors import ArchiveError
from zhenggai.web.backup.files import CHUNK, copy_hashed, is_safe_name

FORMAT = "zhenggai-backup"
#: Raised whenever a reader of the old format could no longer restore the new one exactly.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/zhenggai.sqlite3", "postgresql": "database/zhenggai.sql"}
FILES_PREFIX = "files/"
#: What reading a damaged zip raises: a bad header, a short file, a bad CRC, broken deflate data.
READ_ERRORS = (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error)


def app_version() -> str:
    """The installed zhenggai version, written into each manifest."""
    try:
        return version("zhenggai")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


class ArchiveWriter:
    """Members streamed into a zip with their sha256 noted; `close()` writes the manifest last."""

    def __init__(self, out: IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(out, "w", allowZip64=True)
        self.members: dict[str, dict[str, Any]] = {}

    def add(self, name: str, source: IO[bytes], *, compress: bool) -> int:
        """Copy `source` into the member `name`; return its size."""
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        with self.zip.open(info, "w", force_zip64=True) as member:
            sha256, size = copy_hashed(source, member)
        self.members[name] = {"sha256": sha256, "size": size}
        return size

    def close(self, manifest: dict[str, Any]) -> None:
        """Write the manifest (with every member's sha256 and size) last, and finish the zip."""
        body = {**manifest, "members": self.members}
        text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True)
        self.zip.writestr(MANIFEST, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
        self.zip.close()


def manifest(engine: str, tables: dict[str, int], migrations: list[list[str]]) -> dict[str, Any]:
    """Everything but the members: what made the archive, from which database, holding how many rows."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": {"engine": engine, "member": DATABASE_MEMBERS[engine], "tables": tables},
        "migrations": migrations,
    }


@contextmanager
def writing(path: Path) -> Iterator[ArchiveWriter]:
    """An archive written beside `path` (owner-only: it holds password hashes), renamed into place at the end."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            yield ArchiveWriter(out)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class Archive:
    """A verified archive: its manifest, and members to read."""

    def __init__(self, zip_file: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
        self.zip = zip_file
        self.manifest = manifest

    @property
    def engine(self) -> str:
        """The database engine the archive was taken from: 'sqlite' or 'postgresql'."""
        return str(self.manifest["database"]["engine"])

    @property
    def database_member(self) -> str:
        """The member holding the database."""
        return str(self.manifest["database"]["member"])

    @property
    def tables(self) -> dict[str, int]:
        """Rows in each table when the snapshot was taken."""
        return dict(self.manifest["database"]["tables"])

    @property
    def migrations(self) -> set[tuple[str, str]]:
        """(app, migration) applied in the archived database."""
        return {(app, name) for app, name in self.manifest["migrations"]}

    def files(self) -> dict[str, dict[str, str]]:
        """{store: {stored name: sha256}} of every stored file in the archive."""
        found: dict[str, dict[str, str]] = {}
        for name, meta in self.manifest["members"].items():
            if name.startswith(FILES_PREFIX):
                store, _, stored = name[len(FILES_PREFIX) :].partition("/")
                found.setdefault(store, {})[stored] = meta["sha256"]
        return found

    def open(self, name: str) -> IO[bytes]:
        """A member to read (already checked against the manifest)."""
        return self.zip.open(name)

    def sha256(self, name: str) -> str:
        """The manifest's sha256 of a member."""
        return str(self.manifest["members"][name]["sha256"])

    @property
    def size(self) -> int:
        """The bytes of all members together, unpacked."""
        return sum(int(m["size"]) for m in self.manifest["members"].values())


@contextmanager
def opened(path: Path, on_member: Any = None) -> Iterator[Archive]:
    """The archive at `path`, every member checked against its manifest before it is handed out.

    `on_member(done, total, size)` is called after each member is checked, for progress.
    """
    try:
        zip_file = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ArchiveError(f"找不到备份文件“{path}”。") from None
    except IsADirectoryError:
        raise ArchiveError(f"“{path}”是文件夹，不是备份文件。") from None
    except READ_ERRORS:
        raise ArchiveError(f"“{path}”不是有效的备份文件：文件已损坏或不完整（可能未复制完）。") from None
    with zip_file:
        body = _manifest(zip_file, path)
        _check_members(zip_file, body, path, on_member)
        yield Archive(zip_file, body)


def _manifest(zip_file: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    foreign = ArchiveError(f"“{path}”不是整改系统的备份文件。")
    try:
        body = json.loads(zip_file.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise foreign from None
    except READ_ERRORS:
        raise ArchiveError(f"“{path}”的备份清单已损坏，无法恢复。") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise foreign
    found = body.get("format_version")
    if not isinstance(found, int) or found < 1:
        raise foreign
    if found > FORMAT_VERSION:
        raise ArchiveError(
            f"“{path}”由较新版本的整改系统（{body.get('app_version', '未知版本')}）生成，"
            f"备份格式为第 {found} 版，本系统只能恢复第 {FORMAT_VERSION} 版及以前的格式。请先升级整改系统再恢复。"
        )
    try:
        _check_shape(body)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ArchiveError(f"“{path}”的备份清单不完整或格式有误，无法恢复。") from None
    return body


def _check_shape(body: dict[str, Any]) -> None:
    """Raise KeyError/TypeError/ValueError when the manifest lacks a field restore relies on."""
    database = body["database"]
    if (
        database["engine"] not in DATABASE_MEMBERS
        or database["member"] != DATABASE_MEMBERS[database["engine"]]
    ):
        raise ValueError("engine")
    for table, rows in database["tables"].items():
        if not isinstance(table, str) or not isinstance(rows, int):
            raise TypeError("tables")
    for app, name in body["migrations"]:
        if not isinstance(app, str) or not isinstance(name, str):
            raise TypeError("migrations")
    members = body["members"]
    if database["member"] not in members:
        raise ValueError("database member")
    for name, meta in members.items():
        if not is_safe_name(name) or not (name == database["member"] or name.startswith(FILES_PREFIX)):
            raise ValueError("member name")
        if not isinstance(meta["sha256"], str) or not isinstance(meta["size"], int):
            raise TypeError("member")


def _check_members(zip_file: zipfile.ZipFile, body: dict[str, Any], path: Path, on_member: Any) -> None:
    members: dict[str, dict[str, Any]] = body["members"]
    present = [info.filename for info in zip_file.infolist() if info.filename != MANIFEST]
    tampered = f"“{path}”的内容与备份清单不符（文件被改动、损坏或不完整），已拒绝恢复"
    extra = sorted(set(present) - set(members))
    missing = sorted(set(members) - set(present))
    if extra or missing or len(present) != len(set(present)):
        raise ArchiveError(f"{tampered}：{'、'.join((extra + missing)[:3])}。")
    total = 0
    for done, name in enumerate(sorted(members), 1):
        digest = hashlib.sha256()
        size = 0
        try:
            with zip_file.open(name) as member:
                while chunk := member.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except READ_ERRORS:
            raise ArchiveError(f"{tampered}：{name} 无法读取。") from None
        if digest.hexdigest() != members[name]["sha256"] or size != members[name]["size"]:
            raise ArchiveError(f"{tampered}：{name} 的校验值（sha256）不一致。")
        total += size
        if on_member is not None:
            on_member(done, len(members), total)
