"""The database in and out of an archive: one consistent snapshot while the system runs, restored exactly.

SQLite: the online backup API copies every page in one read transaction (writers wait, readers go on);
restore copies the pages back in one write transaction. PostgreSQL: a REPEATABLE READ transaction
exports its snapshot, pg_dump dumps that very snapshot and the row counts are read in it; restore runs
the dump through psql in one transaction that first empties the schema, so a failure changes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from zhenggai.web.backup.errors import BackupError, RestoreRefused

#: Tables that `zhenggai migrate` fills by itself: rows there do not make a system "in use".
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
#: OPTIONS keys that Django reads itself and libpq does not know.
_DJANGO_ONLY_OPTIONS = {"pool", "server_side_binding", "isolation_level", "assume_role", "cursor_factory"}


@dataclass
class Snapshot:
    """A database copied into a file, with the row count of each table and the migrations applied."""

    path: Path
    tables: dict[str, int]
    migrations: list[list[str]]


def engine() -> str:
    """'sqlite' or 'postgresql': the engines a backup knows how to copy exactly."""
    vendor = connection.vendor
    if vendor not in ENGINE_NAMES:
        raise BackupError(f"不支持备份或恢复 {vendor} 数据库，只支持 SQLite 和 PostgreSQL。")
    return vendor


def snapshot(folder: Path) -> Snapshot:
    """Copy the whole database, as it stands at one instant, into a file in `folder`."""
    if engine() == "sqlite":
        return _sqlite_snapshot(folder / "zhenggai.sqlite3")
    return _postgres_snapshot(folder / "zhenggai.sql")


def restore(dump: Path) -> None:
    """Replace the whole database by the dump, in one transaction: all of it or nothing."""
    if engine() == "sqlite":
        _sqlite_restore(dump)
    else:
        _postgres_restore(dump)


def tables_in_use() -> list[str]:
    """The tables holding rows, besides those `migrate` fills: empty means an empty system."""
    if _sqlite_file_absent():
        return []  # not even created yet: and looking must not create it
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        found = []
        for table in sorted(set(names) - SETUP_TABLES):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                found.append(table)
    return found


def row_counts() -> dict[str, int]:
    """Rows in every table of the database now (to check a restore against its manifest)."""
    with connection.cursor() as cursor:
        return {
            table: _count(cursor, connection.ops.quote_name(table))
            for table in connection.introspection.table_names(cursor)
        }


def unknown_migrations(applied: set[tuple[str, str]]) -> list[str]:
    """Migrations the archive's database has and this code does not: it came from a newer version."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in applied - known)


def missing_migrations(applied: set[tuple[str, str]]) -> bool:
    """True when this code has migrations the archive's database lacks (an older backup)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return bool(known - applied)


def _count(cursor: Any, quoted_table: str) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {quoted_table}")
    return int(cursor.fetchone()[0])


# --- SQLite ----------------------------------------------------------------------------------------


def _in_memory() -> bool:
    from django.db.backends.sqlite3.creation import DatabaseCreation

    return DatabaseCreation.is_in_memory_db(connection.settings_dict["NAME"])


def _sqlite_file_absent() -> bool:
    return engine() == "sqlite" and not _in_memory() and not Path(connection.settings_dict["NAME"]).exists()


def _sqlite_snapshot(target: Path) -> Snapshot:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)  # pages=-1: every page in one step, in one read transaction
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the live one uses
        names = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = {name: _count(copy.cursor(), _quote(name)) for name in names}
        migrations = _migrations(copy.cursor(), "django_migrations" in tables)
    return Snapshot(target, tables, migrations)


def _sqlite_restore(dump: Path) -> None:
    if not _in_memory():
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(dump)) as source:
            source.backup(connection.connection)  # one write transaction: a failure leaves the old database
    except sqlite3.Error as exc:
        raise BackupError(f"恢复 SQLite 数据库失败，原数据库未改动：{exc}") from None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _migrations(cursor: Any, present: bool) -> list[list[str]]:
    if not present:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [[str(app), str(name)] for app, name in cursor.fetchall()]


# --- PostgreSQL ------------------------------------------------------------------------------------


def _postgres_snapshot(target: Path) -> Snapshot:
    import psycopg

    conninfo, env = _libpq()
    with psycopg.connect(conninfo, autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot(), current_setting('server_version_num')").fetchone()
        assert row is not None
        snapshot_id, server_version = row
        _run(
            [
                _pg_tool("pg_dump", server_version),
                "--format=plain",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
                f"--dbname={conninfo}",
            ],
            env,
            "导出 PostgreSQL 数据库（pg_dump）失败",
        )
        cursor = conn.cursor()
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' ORDER BY c.relname"
        )
        names = [str(name) for (name,) in cursor.fetchall()]
        tables = {name: _count(cursor, _quote(name)) for name in names}
        migrations = _migrations(cursor, "django_migrations" in tables)
        conn.rollback()
    return Snapshot(target, tables, migrations)


#: Run before the dump, in the same transaction: the schema is emptied, then rebuilt by the dump.
_POSTGRES_PREAMBLE = (
    b"SET client_min_messages = warning;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n"
)


def _postgres_restore(dump: Path) -> None:
    conninfo, env = _libpq()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')")
        server_version = str(cursor.fetchone()[0])
    connections.close_all()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "restore.sql"
        with open(script, "wb") as out, open(dump, "rb") as source:
            out.write(_POSTGRES_PREAMBLE)
            shutil.copyfileobj(source, out, 1024 * 1024)
        psql = _pg_tool("psql", server_version)
        _run(
            [
                psql,
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "--single-transaction",
                f"--file={script}",
                f"--dbname={conninfo}",
            ],
            env,
            "恢复 PostgreSQL 数据库（psql）失败，原数据库未改动",
        )


def _libpq() -> tuple[str, dict[str, str]]:
    """The database as a libpq connection string, with the password passed in the environment."""
    from psycopg.conninfo import make_conninfo

    db = connection.settings_dict
    params: dict[str, Any] = {k: v for k, v in db.get("OPTIONS", {}).items() if k not in _DJANGO_ONLY_OPTIONS}
    for key, name in (("NAME", "dbname"), ("USER", "user"), ("HOST", "host"), ("PORT", "port")):
        if db.get(key):
            params[name] = str(db[key])
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return make_conninfo(**params), env


def _pg_tool(name: str, server_version_num: str) -> str:
    """pg_dump/psql: ZHENGGAI_PG_BIN, else the server's major version in Debian's layout, else PATH."""
    major = int(server_version_num) // 10000
    folders = [os.environ.get("ZHENGGAI_PG_BIN", ""), f"/usr/lib/postgresql/{major}/bin"]
    for folder in filter(None, folders):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"找不到 PostgreSQL 的 {name} 命令：请安装与数据库服务器同一主版本（{major}）的 PostgreSQL 客户端"
            f"（如 postgresql-client-{major}），或用环境变量 ZHENGGAI_PG_BIN 指定其所在目录。"
        )
    return found


def _run(command: list[str], env: dict[str, str], failure: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, check=False)
    except OSError as exc:
        raise BackupError(f"{failure}：{exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        # libpq's messages may name the connection string; never show a password.
        shown = re.sub(
            r"password=\S+", "password=***", detail[-1] if detail else f"退出状态 {done.returncode}"
        )
        raise BackupError(f"{failure}：{shown}")


def refuse_other_engine(archive_engine: str) -> None:
    """Refuse an archive from another engine: a cross-engine restore could not be proved exact."""
    here = engine()
    if archive_engine != here:
        raise RestoreRefused(
            f"该备份来自 {ENGINE_NAMES[archive_engine]} 数据库，而本系统使用 {ENGINE_NAMES[here]}："
            "不支持跨数据库恢复（无法保证完全一致）。请在使用同一种数据库的系统中恢复"
            f"（{'不设置 DATABASE_URL' if archive_engine == 'sqlite' else '设置 DATABASE_URL 指向一个空的 PostgreSQL 数据库'}）。"
        )
