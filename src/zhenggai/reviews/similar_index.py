"""The 查重 index in the database: every report version and reference text, by its sentences' band keys.

Each text's sentences with enough comparable shingles are signed (MinHash) and their LSH band keys,
the band mixed in (`documents.similarity.index.text_keys`), stored as rows (IndexKey) under the
text (IndexedText): one indexed column, so that a query is one index look-up per key, on any
number of app servers, and grows with PostgreSQL. A version is indexed by a background task when
it is stored (tasks.index_version); whatever a page needs and finds missing (the task has not run
yet) is indexed there and then. `rebuild` indexes everything again (`zhenggai similar --rebuild`).

A query signs the new text the same way and asks for the indexed texts, among those it may be
compared with, that share at least one key with it, most keys first: those are aligned
(documents.similarity.align) and nothing else is.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction

from zhenggai.documents import read_text
from zhenggai.documents.similarity import Boilerplate, Text, boilerplate_for, text_of
from zhenggai.documents.similarity.index import indexed_sentences, text_keys
from zhenggai.meetings.models import Meeting
from zhenggai.reviews.models import IndexedText, IndexKey, ReferenceText, ReportVersion

#: At most this many candidate texts are aligned for one query (most shared keys first).
MAX_CANDIDATES = 50
_SQLITE_KEYS = 10_000


#: Kept in each process, newest last: the boilerplate of the latest notices, and the latest texts read
#: (a text of sixty paragraphs is a few megabytes). A version never changes, so its text stays right.
_KEPT_BOILERPLATES, _KEPT_TEXTS = 4, 8
_boilerplates: OrderedDict[str, Boilerplate] = OrderedDict()
_texts: OrderedDict[tuple[int, int, str], tuple[Boilerplate, Text]] = OrderedDict()
_kept = threading.Lock()


def meeting_boilerplate(meeting: Meeting) -> Boilerplate:
    """The standard boilerplate with the meeting's notice: its wording never counts as copying."""
    notice = meeting.notice_text.strip()
    with _kept:
        boilerplate = _boilerplates.get(notice)
    if boilerplate is None:
        boilerplate = boilerplate_for(read_text(notice, name="通知") if notice else None)
        _keep(_boilerplates, notice, boilerplate, _KEPT_BOILERPLATES)
    return boilerplate


def version_text(version: ReportVersion, boilerplate: Boilerplate) -> Text:
    """A stored version as the aligner reads it."""
    # By the text itself too: an id can come back with another text (a restored backup, tests).
    key = (version.pk, hash(version.text), version.file_name)
    with _kept:
        kept = _texts.get(key) if version.pk is not None else None
    if kept is not None and kept[0] is boilerplate:
        return kept[1]
    text = text_of(read_text(version.text, name=version.file_name or "在线撰写"), boilerplate)
    if version.pk is not None:
        _keep(_texts, key, (boilerplate, text), _KEPT_TEXTS)
    return text


def _keep(kept: OrderedDict[Any, Any], key: Any, value: Any, size: int) -> None:
    with _kept:
        kept[key] = value
        kept.move_to_end(key)
        while len(kept) > size:
            kept.popitem(last=False)


def reference_text(reference: ReferenceText, boilerplate: Boilerplate) -> Text:
    """A reference text as the aligner reads it."""
    return text_of(read_text(reference.text, name=reference.name), boilerplate)


def _store(text: Text, **owner: object) -> IndexedText:
    """Replace the owner's entry by the keys of `text` (one transaction).

    Two processes indexing the same text at once (two pages, or a page and the worker) would both
    insert its entry: the second meets the unique owner, and the entry the first stored serves.
    """
    keys = text_keys(text)
    try:
        with transaction.atomic():
            IndexedText.objects.filter(**owner).delete()
            entry = IndexedText.objects.create(sentences=len(indexed_sentences(text)), **owner)
            _insert_keys(entry.pk, keys)
    except IntegrityError:
        existing = IndexedText.objects.filter(**owner).first()
        if existing is None:
            raise
        return existing
    return entry


def _insert_keys(entry: int, keys: list[int]) -> None:
    """Store the entry's keys: a text has a thousand or more, and model instances for them cost more
    than the signing did, so plain many-row INSERT statements. On PostgreSQL the keys go as one array
    parameter (`unnest`): a statement of a thousand `(%s, %s)` would be a new text each time, and
    psycopg parsing it in Python cost the worker more than the rest of the indexing."""
    quote = connection.ops.quote_name
    table, text, key = quote(IndexKey._meta.db_table), quote("text_id"), quote("key")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({text}, {key}) SELECT %s, unnest(%s::bigint[])", [entry, keys]
            )
        return
    fields = [IndexKey._meta.get_field("text"), IndexKey._meta.get_field("key")]
    rows = max(connection.ops.bulk_batch_size(fields, keys), 1)  # what bulk_create would send at once
    with connection.cursor() as cursor:
        for start in range(0, len(keys), rows):
            chunk = keys[start : start + rows]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            params = [value for key in chunk for value in (entry, key)]
            cursor.execute(f"INSERT INTO {table} ({text}, {key}) VALUES {values}", params)


def index_version(version: ReportVersion) -> IndexedText:
    """Index (again) one report version, with its meeting's notice as boilerplate."""
    meeting = version.report.meeting
    return _store(version_text(version, meeting_boilerplate(meeting)), version=version)


def index_reference(reference: ReferenceText) -> IndexedText:
    """Index (again) one reference text, with the standard boilerplate."""
    return _store(reference_text(reference, Boilerplate.standard()), reference=reference)


def _entries(field: str, owners: Sequence[Any], index: Callable[[Any], IndexedText]) -> dict[int, int]:
    """Owner id → its index entry id, indexing now the owners the background task has not reached."""
    found: dict[int, int] = {}
    step = _sqlite_variables() - 1 if connection.vendor == "sqlite" else _SQLITE_KEYS
    for start in range(0, len(owners), step):  # under SQLite's parameter cap, however many owners
        piece = owners[start : start + step]
        found.update(IndexedText.objects.filter(**{f"{field}__in": piece}).values_list(f"{field}_id", "pk"))
    for owner in owners:
        if owner.pk not in found:
            found[owner.pk] = index(owner).pk
    return found


def entries_of_versions(versions: Sequence[ReportVersion]) -> dict[int, int]:
    """Version id → its index entry id, indexing now the versions the background task has not reached."""
    return _entries("version", versions, index_version)


def entries_of_references(references: Sequence[ReferenceText]) -> dict[int, int]:
    """Reference id → its index entry id, indexing now those not indexed yet."""
    return _entries("reference", references, index_reference)


def candidates(text: Text, among: Iterable[int] | None = None, limit: int = MAX_CANDIDATES) -> Counter[int]:
    """Index entries (ids) sharing band keys with `text`'s sentences, with how many; at most `limit`,
    most first; only entries of `among` when given."""
    keys = text_keys(text)
    return candidates_of_keys(keys, among, limit)


def candidates_of_keys(
    keys: list[int], among: Iterable[int] | None = None, limit: int = MAX_CANDIDATES
) -> Counter[int]:
    """The entries sharing any of `keys`, with how many they share; at most `limit`, most first."""
    found = Counter(text for _, text in matching_rows(keys, among))
    return Counter(dict(sorted(found.items(), key=lambda x: (-x[1], x[0]))[:limit]))


def matching_rows(keys: list[int], among: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """(key, entry id) of every stored key among `keys`; only entries of `among` when given.

    On PostgreSQL the keys go as one array (`key = ANY(%s)`): one index look-up each, in a
    statement whose text does not grow with them.
    """
    scope = None if among is None else sorted(set(among))
    if not keys or scope == []:
        return []
    if connection.vendor == "postgresql":
        sql = f"SELECT key, text_id FROM {IndexKey._meta.db_table} WHERE key = ANY(%s)"
        params: list[list[int]] = [keys]
        if scope is not None:
            sql += " AND text_id = ANY(%s)"
            params.append(scope)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(k), int(t)) for k, t in cursor.fetchall()]
    # SQLite caps the parameters of a statement (32,766 by default, 250,000 in Debian's build): the
    # keys and the scope are cut into pieces of half the cap each, every key piece asked with every
    # scope piece — each row is in exactly one pair.
    half = max(_sqlite_variables() // 2 - 1, 1)
    key_pieces = [keys[start : start + half] for start in range(0, len(keys), half)]
    scope_pieces: list[list[int] | None] = (
        [None] if scope is None else [scope[start : start + half] for start in range(0, len(scope), half)]
    )
    found = []
    for piece in key_pieces:
        for among_piece in scope_pieces:
            rows = IndexKey.objects.filter(key__in=piece)
            if among_piece is not None:
                rows = rows.filter(text_id__in=among_piece)
            found += [(int(k), int(t)) for k, t in rows.values_list("key", "text_id")]
    return found


def _sqlite_variables() -> int:
    """How many parameters one statement may hold on this SQLite connection (its limit, at most 20,000)."""
    connection.ensure_connection()
    raw = connection.connection
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if hasattr(raw, "getlimit") else 999
    return min(int(limit), 2 * _SQLITE_KEYS)


def rebuild(progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Index every report version and reference text again; (texts, keys) stored.

    `progress(done, total)` is called after each text.
    """
    versions = ReportVersion.objects.select_related("report__meeting").order_by("pk")
    references = ReferenceText.objects.order_by("pk")
    total = versions.count() + references.count()
    done = 0
    boilerplates: dict[int, Boilerplate] = {}
    for version in versions.iterator(chunk_size=200):
        meeting = version.report.meeting
        if meeting.pk not in boilerplates:
            boilerplates[meeting.pk] = meeting_boilerplate(meeting)
        _store(version_text(version, boilerplates[meeting.pk]), version=version)
        done += 1
        if progress is not None:
            progress(done, total)
    standard = Boilerplate.standard()
    for reference in references.iterator(chunk_size=200):
        _store(reference_text(reference, standard), reference=reference)
        done += 1
        if progress is not None:
            progress(done, total)
    return done, IndexKey.objects.count()
