"""The printed 待办 report of `zhenggai remind`: every measure overdue or due soon, per owner and per unit.

Nothing is stored: the 待办 page, the dashboard and the header compute the same lists when asked
(ledger/due.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from zhenggai.ledger import due
from zhenggai.ledger.models import Measure


def all_items(today: datetime.date) -> list[due.Item]:
    """Every measure of the system overdue or due soon on `today`, earliest deadline first."""
    return due.items(Measure.objects.all(), today)


def report(items: list[due.Item]) -> str:
    """The printed report: per owner, then per unit."""
    if not items:
        return "没有逾期或即将到期的整改措施。"
    by_owner: dict[str, list[due.Item]] = defaultdict(list)
    by_unit: dict[str, list[due.Item]] = defaultdict(list)
    for item in items:
        m = item.measure
        by_owner[str(m.owner) if m.owner else "（未指定责任人）"].append(item)
        by_unit[str(m.unit) if m.unit else "（未指定责任单位）"].append(item)
    overdue = sum(1 for item in items if item.state == due.OVERDUE)
    lines = [f"共{len(items)}条待办：已逾期{overdue}条，即将到期{len(items) - overdue}条。", "", "按责任人："]
    for name, rows in sorted(by_owner.items()):
        lines.append(f"  {name}（{len(rows)}条）")
        lines.extend(
            f"    - [{item.when}] {item.measure.deadline:%Y-%m-%d} {item.measure.text[:40]}" for item in rows
        )
    lines += ["", "按责任单位："]
    for name, rows in sorted(by_unit.items()):
        late = sum(1 for item in rows if item.state == due.OVERDUE)
        lines.append(f"  {name}：{len(rows)}条（已逾期{late}条）")
    return "\n".join(lines)
