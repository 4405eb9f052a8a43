"""The date the system works in: today in the configured time zone (Asia/Shanghai by default)."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today's date in the configured time zone, not the server's."""
    return timezone.localdate()
