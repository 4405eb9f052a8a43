"""The date the system works in: today in the configured time zone (Asia/Shanghai by default), and --today."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError
from django.utils import timezone


def today() -> datetime.date:
    """Today's date in the configured time zone, not the server's."""
    return timezone.localdate()


def day_option(text: str | None) -> datetime.date | None:
    """A command's --today (YYYY-MM-DD) as a date, None when not given; CommandError in Chinese otherwise."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from None
