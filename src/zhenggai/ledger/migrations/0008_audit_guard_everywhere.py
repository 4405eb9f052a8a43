# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""The database refuses to rewrite the audit trail on SQLite too, and refuses TRUNCATE on PostgreSQL.

PostgreSQL already refuses UPDATE and DELETE of an audit row (a row trigger, migration 0003); a
statement trigger now refuses TRUNCATE as well, which row triggers never see. SQLite gets
triggers refusing UPDATE and DELETE (SQLite has no TRUNCATE: its `DELETE FROM t` fires them).

Nothing in the application deletes audit entries, so nothing lifts these triggers. Only the test
suite does, for Django's flush at the end of a transactional test (tests/conftest.py, using the
statements below); a production database is wiped by dropping it, never by `zhenggai flush`.

On SQLite, a later migration that rebuilds ledger_auditentry (most AlterField and RemoveField
operations do: a new table is created, filled and renamed) drops these triggers with the old
table: such a migration must create them again. tests/web/test_audit_guard.py fails if it does not.
"""

from django.db import migrations

SQLITE_TRIGGERS = {
    "ledger_auditentry_no_update": (
        "CREATE TRIGGER ledger_auditentry_no_update BEFORE UPDATE ON ledger_auditentry "
        "BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END"
    ),
    "ledger_auditentry_no_delete": (
        "CREATE TRIGGER ledger_auditentry_no_delete BEFORE DELETE ON ledger_auditentry "
        "BEGIN SELECT RAISE(ABORT, '审计记录不可删除'); END"
    ),
}
POSTGRES_TRUNCATE_GUARD = """
CREATE OR REPLACE FUNCTION ledger_auditentry_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录不可清空';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ledger_auditentry_no_truncate ON ledger_auditentry;
CREATE TRIGGER ledger_auditentry_no_truncate BEFORE TRUNCATE ON ledger_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_auditentry_no_truncate();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, create in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(create)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRUNCATE_GUARD)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS ledger_auditentry_no_truncate ON ledger_auditentry")
        schema_editor.execute("DROP FUNCTION IF EXISTS ledger_auditentry_no_truncate()")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_source_kind_in_english")]

    operations = [migrations.RunPython(forwards, backwards)]
