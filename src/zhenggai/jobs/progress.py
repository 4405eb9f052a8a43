"""A running job's progress: how much of how much is done and the step it is at, kept in a cache.

The cache (CACHES["progress"]: a folder in the data directory by default, Redis where several
machines share the work) is written outside any database transaction, so the page sees the bar
move while the job's own writes are still uncommitted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.cache import caches

#: A finished job's progress is forgotten after a day (its result stays in the database).
KEEP_SECONDS = 24 * 3600


@dataclass
class Snapshot:
    """What a job reported last: `done` of `total` units, and the step in Chinese."""

    done: int = 0
    total: int = 0
    step: str = ""

    @property
    def percent(self) -> int:
        """0–100; 0 while the total is not known."""
        if self.total <= 0:
            return 0
        return min(100, self.done * 100 // self.total)


def _key(job_id: object) -> str:
    return f"job:{job_id}"


def read(job_id: object) -> Snapshot:
    """The job's last report, or an empty one when it has reported nothing yet."""
    value = caches["progress"].get(_key(job_id))
    return Snapshot(**value) if isinstance(value, dict) else Snapshot()


class Progress:
    """What a task calls to report its progress; writes only when the whole percent or the step changes."""

    def __init__(self, job_id: object) -> None:
        self.job_id = job_id
        self.last = Snapshot()
        self.writes = 0

    def report(self, done: int, total: int, step: str) -> None:
        """`done` of `total` units are finished, now at `step` (e.g. "写入台账")."""
        now = Snapshot(max(0, done), max(0, total), step)
        if self.writes and now.percent == self.last.percent and now.step == self.last.step:
            return
        caches["progress"].set(_key(self.job_id), asdict(now), KEEP_SECONDS)
        self.last = now
        self.writes += 1
