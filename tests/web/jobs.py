"""Running the background worker inside a test: django-tasks-db's own worker, until the queue is empty."""

from __future__ import annotations

from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker


def run_worker() -> int:
    """Run every queued task with the real database worker (batch mode: it stops when none is left)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # Between tasks a worker closes its idle connection; here that connection is the test's own, inside
    # the transaction the test rolls back (PostgreSQL would lose it; SQLite's in-memory one is kept).
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()
    return worker._run_tasks
