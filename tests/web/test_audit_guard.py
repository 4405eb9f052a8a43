"""The database itself refuses to rewrite the audit trail: raw UPDATE and DELETE on both databases, TRUNCATE
on PostgreSQL, and Django's flush — nothing in the system can empty it."""

from __future__ import annotations

import unittest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import TransactionTestCase

from tests.web.base import BaseTestCase, make_person
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Source, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Organisation, Role

ON_POSTGRESQL = connection.vendor == "postgresql"


def stored(pk: int) -> tuple:
    """The entry's row as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT summary, actor_name, before, after, at FROM ledger_auditentry WHERE id = %s", [pk]
        )
        return cursor.fetchone()


class AuditGuardTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.entry = AuditEntry.objects.order_by("id").first()
        self.row = stored(self.entry.pk)

    def refused(self, sql: str, params: list | None = None) -> str:
        """Run raw SQL that must fail; the database's message."""
        with self.assertRaises(DatabaseError) as caught, transaction.atomic(), connection.cursor() as cursor:
            if ON_POSTGRESQL:  # check the test's pending foreign keys now: TRUNCATE refuses to run before
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql, params)
        return str(caught.exception)

    def test_a_raw_update_is_refused_and_the_row_stays_as_it_was(self):
        message = self.refused(
            "UPDATE ledger_auditentry SET summary = %s WHERE id = %s", ["篡改", self.entry.pk]
        )
        self.assertIn("审计记录不可修改", message)
        self.assertEqual(stored(self.entry.pk), self.row)

    def test_every_column_is_guarded(self):
        for column, value in (("actor_name", "别人"), ("at", "2000-01-01 00:00:00"), ("after", None)):
            with self.subTest(column=column):
                self.refused(f"UPDATE ledger_auditentry SET {column} = %s", [value])
        self.assertEqual(stored(self.entry.pk), self.row)

    def test_a_raw_delete_is_refused_and_nothing_is_gone(self):
        count = AuditEntry.objects.count()
        self.assertIn(
            "审计记录不可", self.refused("DELETE FROM ledger_auditentry WHERE id = %s", [self.entry.pk])
        )
        self.assertIn("审计记录不可", self.refused("DELETE FROM ledger_auditentry"))
        self.assertEqual(AuditEntry.objects.count(), count)
        self.assertEqual(stored(self.entry.pk), self.row)

    @unittest.skipUnless(ON_POSTGRESQL, "SQLite has no TRUNCATE; its DELETE FROM is refused above")
    def test_truncate_is_refused_on_postgresql(self):
        count = AuditEntry.objects.count()
        self.assertIn("审计记录不可清空", self.refused("TRUNCATE ledger_auditentry"))
        # A cascade from the tables it refers to reaches it too.
        self.assertIn("审计记录不可清空", self.refused("TRUNCATE orgs_user CASCADE"))
        self.assertEqual(AuditEntry.objects.count(), count)

    def test_new_entries_are_still_written(self):
        create_source(
            self.office, kind=SourceKind.AUDIT, organisation=self.team, year=2022, inspecting_body="市审计局"
        )
        self.assertEqual(AuditEntry.objects.order_by("-id").first().summary, "新增问题来源")


class FlushTestCase(TransactionTestCase):
    """Django's flush (`zhenggai flush`) cannot empty the trail: it fails and leaves every table as it was.

    (The test suite's own flush after each transactional test lifts the guard: tests/conftest.py.)
    """

    def test_flush_is_refused_and_changes_nothing(self):
        team = Organisation.objects.create(name="机关党组")
        secretary = make_person("secretary", "王书记", team, Role.SECRETARY)
        create_source(
            secretary, kind=SourceKind.AUDIT, organisation=team, year=2022, inspecting_body="市审计局"
        )
        with self.assertRaises(CommandError):
            call_command("flush", interactive=False, verbosity=0)
        self.assertEqual(AuditEntry.objects.count(), 1)
        self.assertEqual((Source.objects.count(), Organisation.objects.count()), (1, 1))
