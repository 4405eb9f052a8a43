"""The audit trail: every create/change/delete of a ledger row, who, when, before → after.

Entries are written only by `record()` and never changed: the model refuses updates and deletes,
the admin shows them read-only, no page offers to edit them, and the database itself refuses
UPDATE, DELETE and TRUNCATE (ledger migrations 0003 and 0008). How an entry reads — names,
Chinese labels, local times — is in history.py.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    """What an audit entry records: a row created (新增), changed (修改) or deleted (删除)."""

    CREATE = "create", "新增"
    CHANGE = "change", "修改"
    DELETE = "delete", "删除"


class ImmutableQuerySet(models.QuerySet["AuditEntry"]):
    """Audit entries in bulk: `update()` and `delete()` raise PermissionError; no query rewrites the trail.

    Entries fetched together share one lookup of the names they refer to (history.Names), so a
    page of history costs one query per kind of row named, not one per entry.
    """

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache:
            from zhenggai.ledger.history import share_names

            share_names([e for e in self._result_cache if isinstance(e, AuditEntry)])

    def update(self, **kwargs: Any) -> int:
        """Always raises PermissionError (审计记录不可修改): entries are never changed."""
        raise PermissionError("审计记录不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        """Always raises PermissionError (审计记录不可删除): entries are never deleted."""
        raise PermissionError("审计记录不可删除")


class AuditEntry(models.Model):
    """One change to a ledger row: who (by name too), when, what, and the row's fields before and after.

    Written only through `record()` and `entry()`; an entry is never changed or deleted. It is filed
    under plain problem and measure ids and the organisation's path, so the trail outlives the rows
    and is searched by organisation.
    """

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人姓名", max_length=150)
    action = models.CharField("操作", max_length=10, choices=AuditAction.choices)
    #: What happened in the users' words: 新增问题, 延期, 销号, 状态变更 …
    summary = models.CharField("摘要", max_length=100)
    object_type = models.CharField("对象类型", max_length=20)
    object_id = models.BigIntegerField("对象编号")
    object_repr = models.CharField("对象", max_length=200)
    #: Plain numbers, not foreign keys: the trail outlives the rows it describes.
    problem_id = models.BigIntegerField("问题编号", null=True, db_index=True)
    measure_id = models.BigIntegerField("整改措施编号", null=True, db_index=True)
    organisation_path = models.CharField("组织路径", max_length=255, db_index=True)
    before = models.JSONField("修改前", null=True)
    after = models.JSONField("修改后", null=True)
    #: The names of the people and rows `before` and `after` refer to by id, as they were when the
    #: entry was written ("orgs.user:5" → "张伟"), so the entry still names someone deleted since.
    names = models.JSONField("所涉人员和对象的名称", null=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        """Named 审计记录; newest first; indexed by object, for one row's history."""

        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["object_type", "object_id"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.summary} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new entry; saving one already stored raises PermissionError (审计记录不可修改)."""
        if self.pk is not None:
            raise PermissionError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Always raises PermissionError (审计记录不可删除): an entry is never deleted."""
        raise PermissionError("审计记录不可删除")

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field that differs."""
        before = self.before or {}
        after = self.after or {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """changes() as people read them, in Chinese: (field label, before, after), internal fields left out.

        Names instead of ids, 是/否, 2026年3月1日, local times, choice labels; see history.py.
        """
        from zhenggai.ledger.history import readable_changes

        return readable_changes(self)

    @property
    def at_display(self) -> str:
        """When, as people read it: 2026年3月1日 10:05 in the configured time zone."""
        from zhenggai.ledger.history import local_time

        return local_time(self.at)

    @property
    def object_label(self) -> str:
        """What kind of row the entry is about, in Chinese: 问题, 整改措施, 佐证材料 …"""
        from zhenggai.ledger.history import object_label

        return object_label(self)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


#: Fields never worth an audit line.
_SKIPPED = {"search_text", "created_at", "updated_at", "path", "version"}


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The row as JSON-ready data: concrete fields, foreign keys as ids."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SKIPPED or field.primary_key:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def entry(
    actor: Any,
    action: str,
    obj: models.Model,
    *,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    problem_id: int | None = None,
    measure_id: int | None = None,
    organisation_path: str = "",
) -> AuditEntry:
    """An unsaved entry; `record()` saves one, `AuditEntry.objects.bulk_create()` many (imports).

    It keeps the names of the people and rows its snapshots refer to by id (history.names_of).
    """
    from zhenggai.ledger.history import names_of

    return AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=str(actor) if actor is not None else "系统",
        action=action,
        summary=summary,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        problem_id=problem_id,
        measure_id=measure_id,
        organisation_path=organisation_path,
        before=before,
        after=after,
        names=names_of(obj, before, after),
    )


def record(actor: Any, action: str, obj: models.Model, **kwargs: Any) -> AuditEntry:
    """Write one audit entry now (inside the caller's transaction)."""
    item = entry(actor, action, obj, **kwargs)
    item.save()
    return item


#: Value types a snapshot keeps as they are (no _plain() call), and the action code of Trail's entries.
_AS_IS = frozenset([str, int, bool, float, type(None)])
_CREATE = AuditAction.CREATE.value


class Trail:
    """Many 新增 entries by one actor at once (imports), as `entry()` would make them one by one.

    Rows are added as model objects (`add`) or, for rows nobody needs as objects, as their column
    values (`add_values`); `write()` stores them in one bulk insert (COPY on PostgreSQL) without
    building an AuditEntry each. The snapshot is `snapshot()`'s; the names are `history.names_of()`'s:
    taken from the related objects already loaded (each named once for the whole trail) or, for ids
    nobody loaded, looked up at `write()` in one query per kind of row.
    """

    def __init__(self, actor: Any, summary: str) -> None:
        self.actor_id = actor.pk if getattr(actor, "pk", None) else None
        self.actor_name = str(actor) if actor is not None else "系统"
        self.summary = summary
        self.rows: list[dict[str, Any]] = []
        self._models: list[type[models.Model]] = []  # the model of each row
        #: "ledger.measure:5" → its name (str(row)[:200]), for every row named so far.
        self.known: dict[str, str] = {}
        #: Per model: the snapshot's fields and the foreign keys worth a name (key prefix, attname, field).
        self._shapes: dict[type[models.Model], tuple[list[str], list[tuple[str, str, Any]]]] = {}

    def _shape(self, model: type[models.Model]) -> tuple[list[str], list[tuple[str, str, Any]]]:
        if model not in self._shapes:
            from zhenggai.ledger.history import HIDDEN

            fields = [
                f.attname for f in model._meta.concrete_fields if f.name not in _SKIPPED and not f.primary_key
            ]
            references = []
            for f in model._meta.concrete_fields:
                if isinstance(f, models.ForeignKey) and f.attname not in HIDDEN:
                    related = f.related_model
                    assert isinstance(related, type)  # a concrete model class, never "self" once loaded
                    references.append((f"{related._meta.label_lower}:", f.attname, f))
            self._shapes[model] = (fields, references)
        return self._shapes[model]

    def name(self, obj: models.Model) -> None:
        """Remember what `obj` is called, for the entries that refer to it."""
        self.known[f"{obj._meta.label_lower}:{obj.pk}"] = str(obj)[:200]

    def add(
        self,
        obj: models.Model,
        *,
        problem_id: int | None = None,
        measure_id: int | None = None,
        organisation_path: str = "",
    ) -> None:
        """The entry of `obj`, just created: its snapshot, the names of the loaded rows it refers to."""
        fields, references = self._shape(type(obj))
        for prefix, attname, field in references:
            value = getattr(obj, attname)
            if value is not None and f"{prefix}{value}" not in self.known and field.is_cached(obj):
                cached = field.get_cached_value(obj)
                if cached is not None and cached.pk == value:
                    self.known[f"{prefix}{value}"] = str(cached)[:200]
        values = {a: getattr(obj, a) for a in fields}
        self._append(type(obj), obj.pk, values, str(obj), problem_id, measure_id, organisation_path)

    def add_values(
        self,
        model: type[models.Model],
        pk: int,
        values: Mapping[str, Any],
        label: str,
        *,
        problem_id: int | None = None,
        measure_id: int | None = None,
        organisation_path: str = "",
    ) -> None:
        """The entry of row `pk` of `model` created with `values` (attname → value), called `label`."""
        fields, _ = self._shape(model)
        self._append(
            model, pk, {a: values[a] for a in fields}, label, problem_id, measure_id, organisation_path
        )

    def _append(
        self,
        model: type[models.Model],
        pk: int,
        values: dict[str, Any],
        label: str,
        problem_id: int | None,
        measure_id: int | None,
        organisation_path: str,
    ) -> None:
        self.rows.append(
            {
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "action": _CREATE,
                "summary": self.summary,
                "object_type": model._meta.model_name or "",
                "object_id": pk,
                "object_repr": label[:200],
                "problem_id": problem_id,
                "measure_id": measure_id,
                "organisation_path": organisation_path,
                "before": None,
                "after": {k: v if type(v) in _AS_IS else _plain(v) for k, v in values.items()},
                "names": None,  # filled in by write()
            }
        )
        self._models.append(model)

    def write(self) -> None:
        """Store every entry added (one bulk insert; a query per kind of row named but not loaded)."""
        from zhenggai.core.bulk import insert_rows
        from zhenggai.ledger.history import lookup_names

        wanted: dict[type[models.Model], set[Any]] = {}
        for row, model in zip(self.rows, self._models, strict=True):
            for prefix, attname, field in self._shape(model)[1]:
                value = row["after"].get(attname)
                if value is not None and f"{prefix}{value}" not in self.known:
                    wanted.setdefault(field.related_model, set()).add(value)
        self.known.update(lookup_names(wanted))
        for row, model in zip(self.rows, self._models, strict=True):
            names = {}
            for prefix, attname, _ in self._shape(model)[1]:
                value = row["after"].get(attname)
                if value is not None and f"{prefix}{value}" in self.known:
                    names[f"{prefix}{value}"] = self.known[f"{prefix}{value}"]
            row["names"] = names
        insert_rows(AuditEntry, self.rows)
        self.rows, self._models = [], []
