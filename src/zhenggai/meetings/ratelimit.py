"""The opinion rate limit: each sender's burst and each link's, counted in the database.

Counted in the database so that every app process and server shares one count. A sender who is
over his own limit is refused before his try reaches the link's count, so one holder of a link
cannot use up the link for everyone: that takes many senders.

A sender is never stored as himself. His bucket is 16 bits of a keyed hash of his network address
(an IPv6 address by its /64 network), under a key derived from SECRET_KEY and the current window,
so it changes every window: a bucket is shared by tens of thousands of addresses, and even with
the secret it cannot be followed from one window to the next. Counters are deleted once the
window after theirs has passed (at the next visit of any collection page). A link's counter
holds the link's id, never its token. See docs/meetings.md, "防刷".

Windows slide: a try counts fully in its own window and fades out through the next one, so there is
no moment at a window's edge when a sender may send twice his limit.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.db import connection
from django.utils.crypto import salted_hmac

from zhenggai.meetings.models import RateCount

_SALT = "zhenggai.meetings.ratelimit.sender"


def admit(link_id: int, sender: str, *, now: float | None = None) -> bool:
    """Count one try of `sender` (a network address) on the link; True while both are within limits."""
    window = settings.OPINION_LIMIT_WINDOW
    now = time.time() if now is None else now
    period = int(now // window)
    fading = 1 - (now - period * window) / window
    forget_old(period)
    sender_keys = [f"s:{sender_bucket(sender, p)}:{p}" for p in (period, period - 1)]
    link_keys = [f"l:{link_id}:{p}" for p in (period, period - 1)]
    before = _counts([sender_keys[1], link_keys[1]])
    for (current, previous), limit in (
        (sender_keys, settings.OPINION_SENDER_LIMIT),
        (link_keys, settings.OPINION_LINK_LIMIT),
    ):
        if _add_one(current, period) + before.get(previous, 0) * fading > limit:
            return False
    return True


def sender_bucket(address: str, period: int) -> str:
    """The sender's bucket in one window: 4 hex digits of a keyed hash of his address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        # One IPv6 host usually holds a whole /64: count the network, or it would have 2^64 tries.
        network = str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
    return salted_hmac(f"{_SALT}:{period}", network, algorithm="sha256").hexdigest()[:4]


def forget_old(period: int | None = None) -> None:
    """Delete the counters of windows that no longer count (all but the current and the one before)."""
    if period is None:
        period = int(time.time() // settings.OPINION_LIMIT_WINDOW)
    old = RateCount.objects.filter(period__lt=period - 1)
    if old.exists():  # looked at first: on SQLite even a DELETE of nothing waits for the write lock
        old.delete()


def _add_one(key: str, period: int) -> int:
    """Add one to the counter `key` and return its new value, in one statement (no race between servers)."""
    table, key_, period_, count = map(
        connection.ops.quote_name, (RateCount._meta.db_table, "key", "period", "count")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {period_}, {count}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key_}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}",
            [key, period],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 1


def _counts(keys: list[str]) -> dict[str, int]:
    return dict(RateCount.objects.filter(key__in=keys).values_list("key", "count"))
