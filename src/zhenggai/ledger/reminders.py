"""Reminders (待办): which measures are overdue or due soon, per owner and per unit.

`zhenggai remind` (cron) calls refresh(): the to-do list is rewritten in one transaction, so the
待办 page and the dashboard always show one consistent run.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from zhenggai.core import dates
from zhenggai.ledger.models import OPEN_STATUSES, Measure, Reminder, ReminderKind


def due_measures(today: datetime.date, days: int) -> QuerySet[Measure]:
    """Open measures whose deadline has passed or falls within `days` days."""
    horizon = today + datetime.timedelta(days=days)
    return (
        Measure.objects.filter(status__in=OPEN_STATUSES, deadline__lte=horizon)
        .filter(~Q(deadline=None))
        .select_related("owner", "unit", "organisation", "problem")
        .order_by("deadline", "id")
    )


def build(today: datetime.date, days: int) -> list[Reminder]:
    """A reminder for every open measure overdue or due within `days` days, not yet stored."""
    out = []
    for m in due_measures(today, days).iterator(chunk_size=2000):
        if m.deadline is None:  # excluded by the query; narrows the type
            continue
        overdue = m.deadline < today
        out.append(
            Reminder(
                measure=m,
                owner=m.owner,
                unit=m.unit,
                organisation=m.organisation,
                kind=ReminderKind.OVERDUE if overdue else ReminderKind.DUE_SOON,
                deadline=m.deadline,
                days=(today - m.deadline).days if overdue else (m.deadline - today).days,
            )
        )
    return out


def refresh(today: datetime.date | None = None, days: int | None = None) -> list[Reminder]:
    """Rewrite every reminder for `today`; return the new ones."""

    today = today or dates.today()
    days = settings.DUE_SOON_DAYS if days is None else days
    items = build(today, days)
    with transaction.atomic():
        Reminder.objects.all().delete()
        Reminder.objects.bulk_create(items, batch_size=2000)
    return items


def report(items: list[Reminder]) -> str:
    """The printed report: per owner, then per unit."""
    if not items:
        return "没有逾期或即将到期的整改措施。"
    by_owner: dict[str, list[Reminder]] = defaultdict(list)
    by_unit: dict[str, list[Reminder]] = defaultdict(list)
    for r in items:
        by_owner[str(r.owner) if r.owner else "（未指定责任人）"].append(r)
        by_unit[str(r.unit) if r.unit else "（未指定责任单位）"].append(r)
    overdue = sum(1 for r in items if r.kind == ReminderKind.OVERDUE)
    lines = [f"共{len(items)}条待办：已逾期{overdue}条，即将到期{len(items) - overdue}条。", "", "按责任人："]
    for name, rows in sorted(by_owner.items()):
        lines.append(f"  {name}（{len(rows)}条）")
        lines.extend(f"    - {_line(r)}" for r in rows)
    lines += ["", "按责任单位："]
    for name, rows in sorted(by_unit.items()):
        late = sum(1 for r in rows if r.kind == ReminderKind.OVERDUE)
        lines.append(f"  {name}：{len(rows)}条（已逾期{late}条）")
    return "\n".join(lines)


def _line(r: Reminder) -> str:
    when = f"已逾期{r.days}天" if r.kind == ReminderKind.OVERDUE else f"还有{r.days}天到期"
    return f"[{when}] {r.deadline:%Y-%m-%d} {r.measure.text[:40]}"
