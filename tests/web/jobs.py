"""Running the background worker inside a test: django-tasks-db's own worker, until the queue is empty."""

from __future__ import annotations

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
    worker.run()
    return worker._run_tasks
