"""The 查重 index asked about a scope of very many texts: no statement exceeds SQLite's parameter cap."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from django.db import connection

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews.models import IndexedText, IndexKey, ReferenceText
from zhenggai.reviews.similar_index import candidates_of_keys, entries_of_references, matching_rows

#: SQLite's default cap on a statement's parameters (Debian's build raises it to 250,000).
DEFAULT_CAP = 32_766
TEXTS = 25_000
KEYS = 10_000


@contextlib.contextmanager
def sqlite_cap(cap: int) -> Iterator[None]:
    """SQLite's parameter cap lowered to `cap` on this connection (nothing on PostgreSQL)."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, cap)
    try:
        yield
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)


class ScopeTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.references = references = ReferenceText.objects.bulk_create(
            ReferenceText(
                organisation=self.team,
                name=f"范文{n}.txt",
                text="范文",
                sha256=f"{n:064x}",
                created_by=self.office,
            )
            for n in range(TEXTS + 1)
        )
        self.entries = [
            e.pk for e in IndexedText.objects.bulk_create(IndexedText(reference=r) for r in references)
        ]
        # Keys 1…5 stored under texts of the scope, key 6 under the one text outside it.
        self.inside, self.outside = self.entries[:TEXTS], self.entries[TEXTS]
        rows = [(1, self.inside[0]), (1, self.inside[-1]), (2, self.inside[7]), (5, self.inside[7])]
        rows += [(3, self.inside[12_345]), (6, self.outside), (5, self.outside)]
        IndexKey.objects.bulk_create(IndexKey(key=k, text_id=t) for k, t in rows)
        self.keys = list(range(1, KEYS + 1))

    def test_a_scope_of_25000_texts_with_10000_keys_stays_under_the_cap(self):
        self.assertGreater(TEXTS + KEYS, DEFAULT_CAP)  # one statement with both lists would be refused
        with sqlite_cap(DEFAULT_CAP):
            rows = matching_rows(self.keys, self.inside)
            found = candidates_of_keys(self.keys, self.inside)
        expected = [(1, self.inside[0]), (1, self.inside[-1]), (2, self.inside[7]), (5, self.inside[7])]
        self.assertEqual(sorted(rows), sorted([*expected, (3, self.inside[12_345])]))
        self.assertEqual(found.most_common(1), [(self.inside[7], 2)])
        self.assertEqual(set(found), {self.inside[0], self.inside[-1], self.inside[7], self.inside[12_345]})

    def test_without_a_scope_every_text_sharing_a_key_is_found(self):
        with sqlite_cap(DEFAULT_CAP):
            rows = matching_rows(self.keys)
        self.assertIn((6, self.outside), rows)
        self.assertEqual(len(rows), 7)

    def test_a_small_cap_cuts_both_lists_into_more_pieces(self):
        with sqlite_cap(999):
            rows = matching_rows(self.keys, [*self.inside[:5000], self.outside])
        expected = [(1, self.inside[0]), (2, self.inside[7]), (5, self.inside[7]), (6, self.outside)]
        self.assertEqual(sorted(rows), sorted([*expected, (5, self.outside)]))

    def test_the_entries_of_25000_references_are_read_under_the_cap(self):
        with sqlite_cap(20_000):  # below the references' count: one statement would be refused
            entries = entries_of_references(self.references)
        self.assertEqual(len(entries), TEXTS + 1)
        self.assertEqual(sorted(entries.values()), sorted(self.entries))
