"""Many new rows of one model at once: PostgreSQL COPY instead of INSERT, elsewhere Django's bulk_create.

Django's bulk insert on PostgreSQL sends each column as one array parameter, which psycopg's
client-side binding escapes element by element in Python: for the audit trail's JSON snapshots
(every quote escaped through a regular expression) that cost more than the database's whole work.
COPY sends the rows as they are, dumped by psycopg's C code. The ids come from the table's sequence
first (one query), so every object has its primary key afterwards, as after bulk_create. Triggers
fire as for INSERT (statement triggers see the rows in their transition table).

`insert_rows` goes one step further for rows nobody needs as objects (the audit trail, imported
progress notes): plain dicts of column values, no model instance built, prepared or read back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, JSONField, Model
from django.utils import timezone

M = TypeVar("M", bound=Model)
#: One encoder for every JSON value (json.dumps with options would build one a call); Chinese as it is.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode

#: How a field's value is taken (see _kind).
AS_IS, PRE_SAVE, PREPARED = range(3)
#: Field types whose values psycopg writes as they are (Django's preparation of them changes nothing).
PLAIN = frozenset(
    [
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    ]
)


def copy_create(objects: Sequence[M]) -> Sequence[M]:
    """Insert the unsaved `objects` (all of one model), each getting its primary key; `objects`.

    Fields are prepared as bulk_create prepares them (auto_now, defaults, related objects' ids). On
    PostgreSQL the COPY is logged with its time among the connection's queries, like any statement.
    """
    if not objects:
        return objects
    model = type(objects[0])
    # the connection itself, not the thread-local proxy: asked once a field of every row
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objects, batch_size=1000)
    meta = model._meta
    fields = meta.concrete_fields
    ids = _next_ids(connection, model, len(objects))
    kinds = [(f, _kind(f)) for f in fields]
    relations = [f for f in fields if f.is_relation]
    rows = []
    for obj, pk in zip(objects, ids, strict=True):
        # what bulk_create does first: related objects saved before, their ids copied in (asked of
        # Django only when a relation holds an object but not yet its id)
        if any(getattr(obj, f.attname) is None and f.is_cached(obj) for f in relations):  # type: ignore[attr-defined]  # is_cached: relations only, not in django-stubs
            obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]  # not in django-stubs
        obj.pk = pk
        rows.append(
            [
                getattr(obj, f.attname)
                if kind == AS_IS
                else f.pre_save(obj, True)
                if kind == PRE_SAVE
                else f.get_db_prep_save(f.pre_save(obj, True), connection)
                for f, kind in kinds
            ]
        )
    _copy(connection, meta.db_table, [f.column for f in fields], rows)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert `rows` of `model`, each a dict of field attnames (``measure_id``) to values; their new ids.

    Every row has the same keys. A field no row names takes its default, evaluated once for all rows
    (auto_now and auto_now_add fields: this moment). JSON fields take Python values (None is NULL).
    On PostgreSQL the rows go by COPY (ids from the sequence first), elsewhere by bulk_create.
    """
    if not rows:
        return []
    names = list(rows[0])
    missing = {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.attname in names:
            continue
        auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        missing[f.attname] = timezone.now() if auto else f.get_default()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        made = model._default_manager.bulk_create([model(**row, **missing) for row in rows], batch_size=1000)
        return [obj.pk for obj in made]
    meta = model._meta
    ids = _next_ids(connection, model, len(rows))
    json_names = {f.attname for f in meta.concrete_fields if isinstance(f, JSONField)}
    json_at = [i for i, name in enumerate(names) if name in json_names]
    fixed = [_json(v) if k in json_names else v for k, v in missing.items()]
    table = []
    for pk, row in zip(ids, rows, strict=True):
        values = [row[name] for name in names]
        for i in json_at:
            values[i] = _json(values[i])
        table.append([pk, *values, *fixed])
    column = {f.attname: f.column for f in meta.concrete_fields}
    columns = [meta.pk.column] + [column[n] for n in names + list(missing)]
    _copy(connection, meta.db_table, columns, table)
    return ids


def _json(value: Any) -> str | None:
    """A JSON field's value as COPY sends it: its JSON text (jsonb parses it), None as NULL."""
    return None if value is None else _ENCODE(value)


def _next_ids(connection: BaseDatabaseWrapper, model: type[Model], n: int) -> list[int]:
    """`n` new ids from the sequence of `model`'s table (one query)."""
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, n],
        )
        return [row[0] for row in cursor.fetchall()]


def _kind(field: Field[Any, Any]) -> int:
    """How a field's value goes to COPY: as the object holds it, after pre_save (auto_now), or prepared."""
    if field.get_internal_type() not in PLAIN:
        return PREPARED
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return PRE_SAVE
    return AS_IS


def _copy(connection: BaseDatabaseWrapper, table: str, columns: list[str], rows: list[list[object]]) -> None:
    """COPY `rows` into `table`, timed into the connection's query log when it keeps one."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    statement = f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
    connection.ensure_connection()
    started = time.monotonic()
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    if connection.queries_logged:
        connection.queries_log.append(
            {"sql": f"{statement} -- {len(rows)} rows", "time": f"{time.monotonic() - started:.3f}"}
        )
