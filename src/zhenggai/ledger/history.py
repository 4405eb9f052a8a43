"""How an audit entry reads: Chinese labels, names instead of ids, 是/否, dates, local times, no internals.

An entry stores its row's fields as they were (audit.snapshot): ids, codes, ISO dates, UTC times.
Here they become what a person reads on the problem page, the measure page, the audit search
page and in the API: 责任人：张伟 → 刘洋, 状态：未启动 → 正在推进, 销号时间：— → 2026年3月1日 10:05.

Names come first from the entry itself (recorded when it was written, so someone deleted since
keeps his name), then from the database as it is now, else 已删除的人员（编号 5）. Entries fetched
together share one lookup per kind of row (`share_names`). Fields nobody reading the ledger needs
— the stored file name, the checksum, search tokens, the organisation path, the progress entry a
file hangs on — are left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, Protocol

from django.apps import apps
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

#: Fields whose values mean nothing to a reader (internal names, checksums, links between rows
#: already shown by where the entry appears).
HIDDEN = frozenset(
    {
        "stored_name",
        "sha256",
        "search_text",
        "organisation_path",
        "path",
        "progress_id",
        "created_at",
        "updated_at",
    }
)
#: What a deleted row is called when the entry did not record its name.
_GONE = {"orgs.user": "已删除的人员", "orgs.organisation": "已删除的组织"}
EMPTY = "—"


class Entry(Protocol):
    """What this module reads of an audit entry (audit.AuditEntry)."""

    object_type: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    names: dict[str, str] | None


def _key(model: type[models.Model], pk: object) -> str:
    return f"{model._meta.label_lower}:{pk}"


def _model(entry: Entry) -> type[models.Model] | None:
    try:
        return apps.get_model("ledger", entry.object_type)
    except LookupError:
        return None


def _references(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    """The model's foreign keys worth a name (hidden ones left out)."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.attname not in HIDDEN
    ]


def names_of(obj: models.Model, *snapshots: dict[str, Any] | None) -> dict[str, str]:
    """The names of the rows the snapshots of `obj` refer to by id, as they are now ("orgs.user:5" → "张伟").

    Related rows already loaded on `obj` cost nothing; the others one query per kind of row.
    """
    found: dict[str, str] = {}
    wanted: dict[type[models.Model], set[Any]] = {}
    for field in _references(type(obj)):
        related = field.related_model
        assert isinstance(related, type)  # a concrete model class, never "self" once loaded
        cached = field.get_cached_value(obj, None) if field.is_cached(obj) else None
        for snap in snapshots:
            value = (snap or {}).get(field.attname)
            if value is None:
                continue
            if cached is not None and cached.pk == value:
                found[_key(related, value)] = str(cached)[:200]
            else:
                wanted.setdefault(related, set()).add(value)
    found.update(_lookup(wanted, skip=found))
    return found


def lookup_names(wanted: dict[type[models.Model], set[Any]]) -> dict[str, str]:
    """The names of rows as they are now ("orgs.user:5" → "张伟"), one query per kind of row."""
    return _lookup(wanted, skip={})


def _lookup(wanted: dict[type[models.Model], set[Any]], skip: dict[str, str]) -> dict[str, str]:
    found = {}
    for model, ids in wanted.items():
        ids = {pk for pk in ids if _key(model, pk) not in skip}
        for row in model._default_manager.filter(pk__in=ids):
            found[_key(model, row.pk)] = str(row)[:200]
    return found


class Names:
    """The names a group of entries needs, looked up at most once for all of them, on first use."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._entries = entries
        self._found: dict[str, str] | None = None

    def name(self, entry: Entry, model: type[models.Model], pk: object) -> str:
        """What the entry calls row `pk` of `model`: its recorded name, its name now, or a placeholder."""
        key = _key(model, pk)
        recorded = (entry.names or {}).get(key)
        if recorded:
            return recorded
        if self._found is None:
            self._found = _lookup(self._wanted(), skip={})
        gone = _GONE.get(model._meta.label_lower, f"已删除的{model._meta.verbose_name}")
        return self._found.get(key) or f"{gone}（编号 {pk}）"

    def _wanted(self) -> dict[type[models.Model], set[Any]]:
        wanted: dict[type[models.Model], set[Any]] = {}
        for entry in self._entries:
            model = _model(entry)
            for field in _references(model) if model else []:
                related = field.related_model
                assert isinstance(related, type)
                for snap in (entry.before or {}, entry.after or {}):
                    value = snap.get(field.attname)
                    if value is not None and _key(related, value) not in (entry.names or {}):
                        wanted.setdefault(related, set()).add(value)
        return wanted


def share_names(entries: Sequence[Any]) -> None:
    """Let entries fetched together share one Names (called by the audit queryset)."""
    shared = Names(entries)
    for entry in entries:
        entry._names = shared


def readable_changes(entry: Entry) -> list[tuple[str, str, str]]:
    """(label, before, after) of every field that changed, as a person reads them; see the module."""
    before, after = entry.before or {}, entry.after or {}
    model = _model(entry)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    # In the model's order of fields: PostgreSQL's jsonb does not keep the order they were written in.
    order = {name: n for n, name in enumerate(fields)}
    keys = sorted(
        (k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)),
        key=lambda k: order.get(k, len(order)),
    )
    names = getattr(entry, "_names", None) or Names([entry])
    lines = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if key in HIDDEN or (old is None and new in ("", None, False)):
            continue
        field = fields.get(key)
        if field is None:  # a field the model no longer has: its stored name is all there is
            lines.append((key, _plain(old), _plain(new)))
            continue
        lines.append(
            (str(field.verbose_name), _value(entry, field, old, names), _value(entry, field, new, names))
        )
    return lines


def object_label(entry: Entry) -> str:
    """The kind of row the entry is about, in Chinese (问题, 整改措施 …)."""
    model = _model(entry)
    return str(model._meta.verbose_name) if model else entry.object_type


def _value(entry: Entry, field: models.Field[Any, Any], value: Any, names: Names) -> str:
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        assert isinstance(related, type)
        return names.name(entry, related, value)
    if isinstance(field, models.DateTimeField):
        return local_time(value)
    if isinstance(field, models.DateField):
        return chinese_date(value)
    if field.name == "size":
        return str(filesizeformat(value))
    return _plain(value)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def chinese_date(value: str | datetime.date) -> str:
    """2026年3月1日, from a date or its ISO text (anything else comes back as it is)."""
    try:
        day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{day.year}年{day.month}月{day.day}日"


def local_time(value: str | datetime.datetime) -> str:
    """2026年3月1日 10:05 in the configured time zone (TIME_ZONE), from a time or its ISO text."""
    try:
        moment = value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{chinese_date(moment.date())} {moment:%H:%M}"
