"""Whole systems for the backup tests: a data folder and a database of their own, driven by the real command.

The engine is the run's: PostgreSQL when DATABASE_URL names a server (a fresh database is created on
it for each system), else SQLite in the system's data folder.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPOSITORY = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("DATABASE_URL", "")
ENGINE = "postgresql" if SERVER_URL.startswith(("postgres://", "postgresql://")) else "sqlite"

#: Adds what the demo lacks: a binary evidence file holding every byte value.
POPULATE = """
from django.core.files.uploadedfile import SimpleUploadedFile
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure
measure = Measure.objects.filter(owner__isnull=False, problem__closed_at__isnull=True).order_by("pk").first()
scan = SimpleUploadedFile("扫描件.pdf", bytes(range(256)) * 300, content_type="application/pdf")
services.post_progress(measure.owner, measure, text="上传扫描件。", files_=[scan])
"""


@dataclass
class System:
    """One installation: its data folder, and its database URL on PostgreSQL runs."""

    data_dir: Path
    database_url: str = ""

    @classmethod
    def new(cls, folder: Path) -> System:
        return cls(folder, _new_database() if ENGINE == "postgresql" else "")

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("ZHENGGAI_", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"))
        }
        env["ZHENGGAI_DATA_DIR"] = str(self.data_dir)
        env["PYTHONPATH"] = str(REPOSITORY / "src")
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`zhenggai ARGS` for this system; its exit status, output and errors."""
        return subprocess.run(
            [sys.executable, "-m", "zhenggai", *args],
            cwd=REPOSITORY,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, (
            f"zhenggai {' '.join(args)}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        )
        return done.stdout

    def populate(self) -> None:
        self.ok("migrate", "-v", "0")
        self.ok("demo")
        self.ok("shell", "-c", POPULATE)

    def drop(self) -> None:
        if self.database_url:
            _drop_database(self.database_url)

    # --- what the system holds -------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """Every stored evidence file by its path under the evidence folder, with its sha256."""
        root = self.data_dir / "evidence"
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    def database(self) -> dict[str, Any]:
        """Every row of every table (as the driver reads it), and the schema objects beside the tables."""
        if ENGINE == "postgresql":
            return _postgres_contents(self.database_url)
        path = self.data_dir / "zhenggai.sqlite3"
        return _sqlite_contents(path) if path.exists() else {}


def _sqlite_contents(path: Path) -> dict[str, Any]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        contents: dict[str, Any] = {
            table: sorted(db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables
        }
        contents["<schema>"] = sorted(
            db.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr
        )
    return contents


def _postgres_contents(url: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(url) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        contents: dict[str, Any] = {
            table: sorted(db.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables
        }
        contents["<sequences>"] = db.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        contents["<indexes>"] = db.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        contents["<triggers>"] = db.execute(
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE NOT tgisinternal ORDER BY 1, 2"
        ).fetchall()
        contents["<functions>"] = db.execute(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n "
            "ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1, 2"
        ).fetchall()
    return contents


def _server(url: str, database: str) -> str:
    return urlsplit(url)._replace(path=f"/{database}").geturl()


def _new_database() -> str:
    import psycopg

    name = f"zg_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER_URL, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    return _server(SERVER_URL, name)


def _drop_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(SERVER_URL, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
