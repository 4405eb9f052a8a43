"""One definition of overdue (已逾期) and due soon (即将到期), computed when asked.

The ledger's row colours, the 待办 page, the dashboard, the header's count and the daily digest all
read it from here, so they cannot disagree: a measure not started or in progress is overdue once
its deadline has passed, and due soon from the day of its deadline back to ZHENGGAI_DUE_SOON_DAYS
days before it (both ends included).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from zhenggai.ledger.models import Measure
from zhenggai.ledger.queries import due_within_q, overdue_q

OVERDUE = "overdue"
DUE_SOON = "due-soon"


def soon_days() -> int:
    """How many days before its deadline a measure counts as due soon (ZHENGGAI_DUE_SOON_DAYS)."""
    return int(settings.DUE_SOON_DAYS)


def due_soon_q(today: datetime.date) -> Q:
    """Measures due soon on `today`: open, deadline from today to soon_days() days later."""
    return due_within_q(today, soon_days())


def attention_q(today: datetime.date) -> Q:
    """Measures that need attention on `today`: overdue or due soon."""
    return overdue_q(today) | due_soon_q(today)


def state(measure: Measure, today: datetime.date) -> str:
    """'overdue', 'due-soon' or '' for one measure on `today` (the CSS class of its row)."""
    if measure.is_overdue(today):
        return OVERDUE
    if measure.is_due_within(today, soon_days()):
        return DUE_SOON
    return ""


def when(deadline: datetime.date, today: datetime.date) -> str:
    """How a deadline reads on `today`: 已逾期3天, 今天到期, 明天到期 or 还有5天到期."""
    days = (deadline - today).days
    if days < 0:
        return f"已逾期{-days}天"
    if days == 0:
        return "今天到期"
    if days == 1:
        return "明天到期"
    return f"还有{days}天到期"


@dataclass(frozen=True)
class Counts:
    """How many measures are overdue and how many due soon."""

    overdue: int
    due_soon: int

    @property
    def total(self) -> int:
        """Overdue and due soon together (the header's 待办 count)."""
        return self.overdue + self.due_soon


def counts(measures: QuerySet[Measure], today: datetime.date) -> Counts:
    """Overdue and due-soon counts of these measures on `today`, in one query."""
    row = (
        measures.order_by()
        .filter(attention_q(today))
        .aggregate(overdue=Count("id", filter=overdue_q(today)), soon=Count("id", filter=due_soon_q(today)))
    )
    return Counts(row["overdue"] or 0, row["soon"] or 0)


@dataclass
class Item:
    """One measure on a 待办 list or in a digest: the measure, its state and how its deadline reads."""

    measure: Measure
    state: str
    when: str


def items(measures: QuerySet[Measure], today: datetime.date, limit: int | None = None) -> list[Item]:
    """The overdue and due-soon measures among these, earliest deadline first, with their wording."""
    rows = (
        measures.filter(attention_q(today))
        .select_related("problem", "owner", "unit", "organisation")
        .order_by("deadline", "id")
    )
    if limit is not None:
        rows = rows[:limit]
    out = []
    for m in rows:
        if m.deadline is not None:  # always: the filter asks for a deadline; narrows the type
            out.append(Item(m, state(m, today), when(m.deadline, today)))
    return out
