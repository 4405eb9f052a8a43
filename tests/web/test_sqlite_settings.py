"""The embedded SQLite database is set up for a team at once: WAL, a busy timeout, immediate transactions.

What that buys under load is shown by tests/web/test_load.py and bench/load.py; this checks the settings
reach a real database file.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the suite runs on PostgreSQL")


def test_a_database_file_is_opened_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(
    django_db_blocker,
):
    with tempfile.TemporaryDirectory() as tmp, django_db_blocker.unblock():
        settings = copy.deepcopy(connection.settings_dict)
        settings["NAME"] = str(Path(tmp) / "zhenggai.sqlite3")
        wrapper = DatabaseWrapper(settings, alias="wal-check")
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == 20_000
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()
