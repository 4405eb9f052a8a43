"""Many people at once on the real server process: nothing refused that should pass, nothing lost, nothing twice.

A short run of bench/load.py against `zhenggai run` on the database the suite runs on: SQLite,
or, when DATABASE_URL names a PostgreSQL server (as in CI), a database of its own on that server.
Timings are the benchmark's business; here only errors, lost and duplicated rows are asserted.
"""

from __future__ import annotations

import os

from bench.load import report, run_load


def suite_postgres() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def test_many_people_at_once_get_answers_and_lose_nothing():
    postgres = suite_postgres()
    result = run_load(users=6, seconds=4, postgres_url=postgres, think=0.1)
    figures = report(result, "postgres" if postgres else "sqlite")
    assert result.client_failures == [], figures
    assert result.errors == 0, figures
    assert result.tracebacks == 0, figures
    assert result.lost == {"progress": 0, "evidence": 0, "opinion": 0, "report": 0}, figures
    assert result.duplicated == {"progress": 0, "evidence": 0, "opinion": 0, "report": 0}, figures
    for kind in ("login", "ledger", "progress", "opinion", "report"):
        assert result.tallies[kind].seconds, f"no {kind} request was made\n{figures}"
    assert all(result.acknowledged.values()), figures


def test_several_server_processes_share_the_load_and_stop_together():
    """`zhenggai run --processes 2`: two copies of the server accept on one port, every shared state
    is in the database, and stopping the server stops both."""
    postgres = suite_postgres()
    result = run_load(users=6, seconds=4, postgres_url=postgres, think=0.1, processes=2)
    figures = report(result, "postgres" if postgres else "sqlite")
    assert "服务器（2 个进程）" in figures
    assert result.servers_seen == 2, figures
    assert result.left_running == [], figures
    assert result.errors == 0 and result.tracebacks == 0, figures
    assert result.lost == {"progress": 0, "evidence": 0, "opinion": 0, "report": 0}, figures
    assert result.duplicated == {"progress": 0, "evidence": 0, "opinion": 0, "report": 0}, figures
