"""Absolute links for messages read outside the site (e-mail, group chats): ZHENGGAI_SITE_URL + path."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse


def absolute(name: str, *args: object) -> str:
    """The full address of the page `name` (a URL name), e.g. https://zhenggai.example.gov.cn/todo/."""
    return str(settings.SITE_URL).rstrip("/") + reverse(name, args=args)


def chinese_date(day: datetime.date) -> str:
    """2026年3月1日"""
    return f"{day.year}年{day.month}月{day.day}日"
