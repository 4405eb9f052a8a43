"""The ledger's table rows and the dashboard's measure lists, built in Python.

Fifty rows of nine cells, each with its `{% url %}` (a reverse() apiece), filters and lookups, cost the
template engine more than the queries behind the page (issue 14): here a row is one f-string, each
link the pattern reversed once with the id put in. The HTML is the same, character for character,
as the template loops it replaces gave (tests/web/test_ledger_rows.py renders both).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable
from html import escape  # what django.utils.html.escape does, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from zhenggai.ledger.models import Measure
from zhenggai.ledger.views.common import row_class
from zhenggai.ledger.views.markup import link


def _cut(text: str, length: int) -> str:
    """{{ text|truncatechars:length }}, escaped (a text short enough is only normalised, as there)."""
    if len(text) <= length:  # combining characters only make it count shorter
        return escape(unicodedata.normalize("NFC", text))
    return escape(Truncator(text).chars(length))


def _name(value: object) -> str:
    """{{ value|default:"" }} of an owner or unit, escaped."""
    return escape(str(value)) if value else ""


def ledger_rows(rows: Iterable[Measure], may_import: bool, on: datetime.date) -> SafeString:
    """The ledger table's `<tr>`s, coloured as overdue or due soon `on` that day, or its one "none" row."""
    measure, problem = link("ledger:measure"), link("ledger:problem")
    parts = []
    for m in rows:
        m.row_class = row_class(m, on)
        p = m.problem
        choose = (
            f'<td><input type="checkbox" name="problem" value="{m.problem_id}" form="campaign-selection" '
            f'aria-label="选择问题 {p.number}"></td>'
            if may_import
            else ""
        )
        aspect = f'<div class="muted small">{_cut(p.aspect, 30)}</div>' if p.aspect else ""
        when = escape(str(m.get_term_display()))
        if m.deadline:
            when += f"<br>{m.deadline.isoformat()}"
        if m.original_deadline:
            when += f'<br><span class="small muted">已延期（原{m.original_deadline.isoformat()}）</span>'
        tags = f'<span class="tag {escape(m.status)}">{escape(str(m.get_status_display()))}</span>'
        if m.finished_late:
            tags += ' <span class="tag late">逾期完成</span>'
        if m.done_without_evidence:
            tags += ' <span class="tag late">无佐证材料</span>'
        parts.append(
            f'\n<tr class="{escape(m.row_class)}">\n  {choose}\n'
            f'  <td><a href="{measure(m.pk)}">{m.pk}</a></td>\n'
            f'  <td class="small">{escape(p.source.title)}</td>\n'
            f'  <td><a class="small problem-number" href="{problem(m.problem_id)}">问题 {p.number}</a> '
            f'<a href="{problem(m.problem_id)}">{_cut(p.description, 60)}</a>{aspect}</td>\n'
            f'  <td><a href="{measure(m.pk)}">{_cut(m.text, 80)}</a></td>\n'
            f"  <td>{_name(m.owner)}</td>\n"
            f"  <td>{_name(m.unit)}</td>\n"
            f'  <td class="deadline">{when}</td>\n'
            f"  <td>{tags}</td>\n</tr>\n"
        )
    if not parts:
        colspan = 9 if may_import else 8
        parts.append(f'\n<tr><td colspan="{colspan}" class="muted">没有符合条件的整改措施。</td></tr>\n')
    return mark_safe("".join(parts))  # every value escaped above


def measure_list(items: Iterable[Measure], css: str) -> SafeString:
    """The dashboard's overdue or due-soon `<tr>`s (class `css`), or its one "none" row."""
    measure = link("ledger:measure")
    parts = [
        f'\n<tr class="{escape(css)}"><td><a href="{measure(m.pk)}">{_cut(m.text, 80)}</a></td>'
        f"<td>{_name(m.owner)}</td><td>{_name(m.unit)}</td>"
        f'<td class="deadline">{m.deadline.isoformat() if m.deadline else ""}</td>'
        f"<td>{escape(str(m.get_status_display()))}</td></tr>\n"
        for m in items
    ]
    return mark_safe("".join(parts) or '<tr><td colspan="5" class="muted">无</td></tr>\n')
