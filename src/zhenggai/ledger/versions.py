"""No lost updates: a change based on an older version of a row is refused, naming who changed what.

Problems, measures, sources and meetings carry a `version`, raised by exactly one audited change
each time (services/common.py `save_changes`; meetings/services.py for a meeting). Every edit form
and API update sends back the version it was based on; the service compares it on the locked row.
When it is older, the changes made since are the row's latest audit entries of kind 修改 — one
per version — which say who changed which fields and when.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.forms import BaseForm
from django.http import QueryDict
from django.utils import timezone

from zhenggai.core.errors import Conflict
from zhenggai.ledger.audit import AuditAction, AuditEntry

#: The end of every refusal of a stale save.
AFTER = "请查看最新内容后重新保存"


def check_version(row: Any, version: int | None) -> None:
    """Raise Conflict (409) when `version` is not the locked `row`'s current one; None checks nothing.

    None is for callers that read the row in the same transaction (demo, report into the ledger);
    pages and the API always send the version their form or request was based on.
    """
    if version is None or version == row.version:
        return
    raise Conflict(stale_message(row, version))


def changes_since(row: models.Model, version: int) -> list[AuditEntry]:
    """The audit entries of the changes made to `row` after `version`, oldest first (one per version)."""
    missed = int(getattr(row, "version", 0)) - version
    if missed <= 0:
        return []
    latest = AuditEntry.objects.filter(
        object_type=row._meta.model_name or "", object_id=row.pk, action=AuditAction.CHANGE
    ).order_by("-at", "-id")[:missed]
    return list(latest)[::-1]


def stale_message(row: models.Model, version: int) -> str:
    """Who changed the row since `version`, what and when, in the users' words:
    “李主任 已于 10:32 修改了“完成时限、责任人”，请查看最新内容后重新保存”.
    """
    people: dict[str, tuple[datetime.datetime, list[str]]] = {}
    for item in changes_since(row, version):
        _, fields = people.get(item.actor_name, (item.at, []))
        named = _labels(type(row), [name for name, _, _ in item.changes()]) or [item.summary]
        people[item.actor_name] = (item.at, list(dict.fromkeys([*fields, *named])))
    if not people:
        return f"该内容已被他人修改，{AFTER}"
    said = [f"{who} 已于 {_when(at)} 修改了“{'、'.join(fields)}”" for who, (at, fields) in people.items()]
    return f"{'；'.join(said)}，{AFTER}"


def _labels(model: type[models.Model], names: list[str]) -> list[str]:
    """The Chinese names of the fields an audit entry lists (by attname: owner_id is 责任人), in the
    model's order — PostgreSQL keeps JSON keys in an order of its own.
    """
    wanted = set(names)
    labels = []
    for field in model._meta.get_fields():
        if wanted & {field.name, getattr(field, "attname", field.name)}:
            labels.append(str(getattr(field, "verbose_name", "") or ""))
    return [label for label in labels if label]


def _when(at: datetime.datetime) -> str:
    """A moment as people say it: 10:32 today, 3月5日 10:32 this year, 2024年3月5日 10:32 before."""
    local, now = timezone.localtime(at), timezone.localtime()
    if local.date() == now.date():
        return f"{local:%H:%M}"
    if local.year == now.year:
        return f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def rebased(
    form: BaseForm, latest: BaseForm, row: models.Model, version: int, now: dict[str, Any]
) -> QueryDict:
    """The data of a refused stale `form`, put on top of the row as it is now, to show it again.

    A field the person left as his page showed it (its value at `version`, rebuilt from `now` — the
    row's audited values — by undoing the changes since) takes its latest value from `latest`, an
    unbound form of the row as it is; a field he changed keeps his input. Saving the form again
    then changes only what he changed, never undoing unseen what the other person saved.
    """
    then = dict(now)
    for item in reversed(changes_since(row, version)):
        for name, before, _ in item.changes():
            then[name] = before
    posted = form.data
    assert isinstance(posted, QueryDict), "a form bound to what was posted"
    data = QueryDict(mutable=True)
    for name in posted:
        data.setlist(name, posted.getlist(name))
    for name in form.fields:
        key = name if name in then else f"{name}_id"
        if key in then and _stored(form.cleaned_data.get(name)) == then[key]:
            value = latest[name].value()
            values = value if isinstance(value, list | tuple) else [value]
            data.setlist(name, ["" if v is None else str(v) for v in values])
    return data


def _stored(value: Any) -> Any:
    """A form's cleaned value as the audit trail stores it: rows by id, dates in ISO, people as a list."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list):
        return sorted(item.pk for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
