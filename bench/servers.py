"""Real app servers for the load benchmark and the tests: `zhenggai run` in a subprocess, on a database of its own.

with fresh_database(data_dir, os.environ.get("DATABASE_URL")) as url:
    env = server_environment(data_dir, url)
    prepared = loaddata(env, "setup", "8")
    with AppServer(env, log=data_dir / "server.log") as server:
        ...  # http://127.0.0.1:{server.port}/
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.pgserver import free_port

ROOT = Path(__file__).resolve().parent.parent


def server_environment(data_dir: Path, database_url: str, **settings: str) -> dict[str, str]:
    """This environment without any of the app's settings, then the data folder, the database and `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZHENGGAI_") and k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(ZHENGGAI_DATA_DIR=str(data_dir), DATABASE_URL=database_url, **settings)
    return env


@contextlib.contextmanager
def fresh_database(data_dir: Path, postgres_url: str | None) -> Iterator[str]:
    """A database URL nobody else uses: a new SQLite file in `data_dir`, or a new database on the
    PostgreSQL server of `postgres_url` (dropped afterwards, whatever happened)."""
    if not postgres_url:
        yield f"sqlite:///{data_dir / 'zhenggai.sqlite3'}"
        return
    import psycopg

    name = f"zhenggai_load_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def loaddata(env: dict[str, str], *args: str) -> Any:
    """Run `python -m bench.loaddata ARGS` beside the server (same database, same files); its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.loaddata", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.loaddata {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cpu(pid: int) -> float:
    """utime + stime of process `pid` in seconds (0 when it is gone or not on Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """The child processes of `pid` (Linux; none elsewhere)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found


def _cmdline(pid: int) -> bytes:
    """The command line of process `pid` (empty when it is gone or not on Linux)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class AppServer:
    """`zhenggai run` on a free port of 127.0.0.1, its output in `log`; ready when it serves the login page."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        log: Path,
        threads: int = 8,
        processes: int = 1,
        timeout: float = 120,
    ) -> None:
        self.port = free_port()
        self.log = log
        self._output = open(log, "ab")  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "zhenggai", "run", "--port", str(self.port)),
                *("--threads", str(threads), "--processes", str(processes)),
            ],
            env=env,
            cwd=ROOT,
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait(timeout)
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"zhenggai run exited with {self.process.returncode}:\n{self.output()[-3000:]}"
                )
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/login/")
                if connection.getresponse().status == 200:
                    connection.close()
                    return
            time.sleep(0.2)
        raise RuntimeError(f"zhenggai run did not answer within {timeout:.0f} s:\n{self.output()[-3000:]}")

    def cpu_seconds(self) -> float:
        """The processor time the server's processes (with --processes, its copies; and the background
        worker) have used so far (Linux; 0 elsewhere)."""
        return sum(cpu(pid) for pid in [self.process.pid, *_children(self.process.pid)])

    def copies(self) -> list[int]:
        """The process ids serving requests: this server and, with --processes, its copies (not the worker)."""
        children = [pid for pid in _children(self.process.pid) if b"db_worker" not in _cmdline(pid)]
        return [self.process.pid, *children]

    def worker(self) -> int | None:
        """The process id of the background worker `zhenggai run` started (None without one)."""
        return next((pid for pid in _children(self.process.pid) if b"db_worker" in _cmdline(pid)), None)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._output.close()

    def __enter__(self) -> AppServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
