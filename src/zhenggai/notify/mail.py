"""The daily digest as an e-mail: a Chinese subject, a plain-text body and the same as HTML."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from zhenggai.notify.digest import Digest
from zhenggai.notify.links import absolute, chinese_date
from zhenggai.orgs.models import User


def subject(digest: Digest, today: datetime.date) -> str:
    """【整改台账】每日提醒：已逾期1条，即将到期2条（2026年3月1日）"""
    counts = digest.counts()
    return f"【整改台账】每日提醒：已逾期{counts.overdue}条，即将到期{counts.due_soon}条（{chinese_date(today)}）"


def message(person: User, digest: Digest, today: datetime.date) -> EmailMultiAlternatives:
    """The e-mail for `person`: every section with its measures, deadlines and links, and where to turn
    the digest off.
    """
    context = {
        "person": person,
        "digest": digest,
        "today": chinese_date(today),
        "counts": digest.counts(),
        "sections": [
            (s.title, [(i, absolute("ledger:measure", i.measure.pk)) for i in s.items])
            for s in digest.sections
        ],
        "todo_url": absolute("ledger:todo"),
        "settings_url": absolute("notify:settings"),
    }
    email = EmailMultiAlternatives(
        subject=subject(digest, today),
        body=render_to_string("notify/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    email.attach_alternative(render_to_string("notify/digest.html", context), "text/html")
    return email
