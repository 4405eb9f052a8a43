"""A token bucket per collection link, held only in this process's memory.

It counts opinions per link, never per sender: nothing about who is asking (no IP address, no
cookie) is looked at, and nothing is written to the database or to logs. A restart forgets it.
With several app processes each keeps its own buckets, so the real limit is that many times
higher; it is a brake on floods, not an exact quota.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings

#: Opinions one link accepts in a burst, and how many seconds refill the whole burst.
DEFAULT_BURST = 30
DEFAULT_REFILL_SECONDS = 600


class LinkBuckets:
    """`take(key)` is True while the key's bucket has a token left (and uses it)."""

    def __init__(
        self, burst: int, refill_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if burst < 1 or refill_seconds <= 0:
            raise ValueError("burst must be at least 1 and refill_seconds positive")
        self.burst, self.rate, self.clock = burst, burst / refill_seconds, clock
        self._buckets: dict[object, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: object) -> bool:
        """Use one token of `key`'s bucket: True when there was one, False (nothing used) when it is empty.

        A bucket starts full and refills steadily, `burst` tokens every `refill_seconds`.
        """
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        # A bucket that would be full again says nothing: drop it, so memory stays small.
        if len(self._buckets) < 256:
            return
        for key, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.burst:
                del self._buckets[key]

    def clear(self) -> None:
        """Forget every bucket, so that every key has its full burst again."""
        with self._lock:
            self._buckets.clear()


buckets = LinkBuckets(
    getattr(settings, "OPINION_BURST", DEFAULT_BURST),
    getattr(settings, "OPINION_REFILL_SECONDS", DEFAULT_REFILL_SECONDS),
)
