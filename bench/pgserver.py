"""A throwaway PostgreSQL server for the benchmarks, and a free port to serve on."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class TempPostgres:
    """initdb + postgres in a temporary folder (as the postgres user when run as root).

    `durable=False` (for bulk loading) turns fsync and synchronous commit off; `True` keeps
    PostgreSQL's defaults, as a production server runs.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="zhenggai-bench-pg-"))
        self.port = free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        data = self.dir / "data"
        self._run(["initdb", "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C"])
        options = f"-p {self.port} -k {self.dir} -c shared_buffers=256MB"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            # bulk loads: no WAL for tables and indexes built in one go, no checkpoint in the middle
            options += (
                " -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=16GB -c checkpoint_timeout=1h"
            )
        self._run(["pg_ctl", "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "start"])
        self._run(["createdb", "-h", str(self.dir), "-p", str(self.port), "-U", "bench", "zhenggai"])
        self.url = f"postgres://bench@localhost:{self.port}/zhenggai"
        self.data = data

    def _run(self, command: list[str]) -> None:
        subprocess.run([*self.prefix, *command], check=True, stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, "pg_ctl", "-D", str(self.data), "-m", "fast", "stop"], stdout=subprocess.DEVNULL
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_database(url: str, name: str) -> str:
    """Create database `name` (dropped first if it exists) on the server of `url`; its URL."""
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"
