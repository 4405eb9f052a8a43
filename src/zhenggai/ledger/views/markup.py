"""The measure page's tables (evidence, progress) and every page's 修改记录, as HTML written in Python.

A measure with a dozen progress posts, their evidence files and twenty history entries is some 700
template nodes: the Django template took three quarters of the page's time (~35 of ~50 ms of CPU), and
in the load benchmark every member's measure gathers that many within a minute. The markup is the
templates' as they were, byte for byte (tests/web/test_ledger_markup.py renders them beside it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat, linebreaksbr, truncatechars
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime

from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Progress

#: An id no row has, put into the reversed pattern and replaced by each row's own.
_MARK = 987654321


def link(name: str) -> Callable[[object], str]:
    """reverse(name, args=[pk]) for any number of ids at the price of one reverse()."""
    head, tail = reverse(name, args=[_MARK]).split(str(_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def _local(value: Any) -> Any:
    """An aware time in the current time zone, as the template engine shows it; anything else as is."""
    return localtime(value) if isinstance(value, datetime.datetime) and is_aware(value) else value


def _text(value: Any) -> str:
    """`{{ value }}` as the template engine writes it: local time, localised, escaped."""
    if type(value) is str:  # most values: the engine's steps leave a plain string as it is, then escape it
        return escape(value)
    return str(conditional_escape(localize(_local(value))))


#: The two ways these tables write a time (Django's date format characters), written directly.
_FORMATS = {
    "Y-m-d": lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}",
    "Y-m-d H:i": lambda d: f"{d.year:04}-{d.month:02}-{d.day:02} {d.hour:02}:{d.minute:02}",
    "Y年n月j日 H:i": lambda d: f"{d.year:04}年{d.month}月{d.day}日 {d.hour:02}:{d.minute:02}",
}


def _when(value: Any, format_: str) -> str:
    """`{{ value|date:format_ }}` (an aware time in the current time zone; empty for none)."""
    if not value:
        return ""
    return escape(_FORMATS[format_](_local(value)))


def csrf_input(request: HttpRequest) -> str:
    """What `{% csrf_token %}` writes: the hidden field with a masked token of the request's secret."""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'


def evidence_rows(evidence: Iterable[Evidence], delete_form: str | None) -> SafeString:
    """The rows of the measure's 佐证材料 table; `delete_form` is the CSRF field when each row offers 删除."""
    out: list[str] = []
    evidence_url, delete_url = link("ledger:evidence"), link("ledger:evidence_delete")
    for e in evidence:
        delete = ""
        if delete_form is not None:
            action = delete_url(e.pk)
            delete = (
                f'<form method="post" action="{action}">{delete_form}'
                '<button class="secondary delete-evidence" type="submit">删除</button></form>'
            )
        out.append(
            f'\n<tr><td><a href="{evidence_url(e.pk)}">{_text(e.name)}</a></td>'
            f"<td>{_text(filesizeformat(e.size))}</td><td>{_text(e.uploaded_by)}</td>"
            f"<td>{_when(e.uploaded_at, 'Y-m-d H:i')}</td>\n<td>{delete}</td></tr>\n"
        )
    return mark_safe("".join(out) or '<tr><td colspan="5" class="muted">暂无佐证材料</td></tr>\n')


def progress_rows(progress: Iterable[Progress]) -> SafeString:
    """The rows of the measure's 整改进展 table, each with its evidence files."""
    out: list[str] = []
    evidence_url = link("ledger:evidence")
    for p in progress:
        status = ""
        if p.status_before != p.status_after:
            status = f"{_text(p.get_status_before_display())} → {_text(p.get_status_after_display())}"
        files = "".join(f'<a href="{evidence_url(e.pk)}">{_text(e.name)}</a><br>' for e in p.evidence.all())
        out.append(
            f"\n<tr><td>{_when(p.date, 'Y-m-d')}</td><td>{linebreaksbr(p.text, autoescape=True)}</td>"
            f"<td>{_text(p.author)}</td>\n<td>{status}</td>\n<td>{files}</td></tr>\n"
        )
    return mark_safe("".join(out) or '<tr><td colspan="5" class="muted">暂无进展</td></tr>\n')


HISTORY_HEAD = (
    '<div id="history"><table class="audit">\n'
    "<thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>修改前 → 修改后</th></tr></thead>\n"
    "<tbody>\n"
)
HISTORY_MORE = '<p><a href="?history=all#history" id="history-all">显示全部修改记录</a></p>'


def history_html(audit: Iterable[AuditEntry], more: bool = False) -> SafeString:
    """The 修改记录 table of these entries (newest first, as given), and the link to all of them when
    `more` are left."""
    out = [HISTORY_HEAD]
    for a in audit:
        changes = "".join(
            f"{_text(name)}：{_text('—' if old is None else old)} → {_text('—' if new is None else new)}\n"
            for name, old, new in a.readable_changes()
        )
        out.append(
            f"\n<tr><td>{_when(a.at, 'Y年n月j日 H:i')}</td><td>{_text(a.actor_name)}</td>"
            f"<td>{_text(a.summary)}</td><td>{_text(truncatechars(a.object_repr, 40))}</td>\n"
            f"<td><pre>{changes}</pre></td></tr>\n"
        )
    if len(out) == 1:
        out.append('<tr><td colspan="5" class="muted">暂无记录</td></tr>\n')
    out.append("\n</tbody>\n</table></div>\n")
    out.append(HISTORY_MORE if more else "")
    return mark_safe("".join(out) + "\n")
