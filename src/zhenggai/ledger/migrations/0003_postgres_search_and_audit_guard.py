# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""PostgreSQL only: the GIN index behind Chinese search, and a trigger that keeps the audit trail read-only.

SQLite gets neither: there the search is a substring match and the model refuses audit changes.
"""

from django.db import migrations

SEARCH_INDEX = (
    "CREATE INDEX IF NOT EXISTS ledger_measure_search_gin "
    "ON ledger_measure USING gin (to_tsvector('simple'::regconfig, search_text))"
)
AUDIT_GUARD = """
CREATE OR REPLACE FUNCTION ledger_auditentry_read_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录不可修改或删除';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ledger_auditentry_read_only ON ledger_auditentry;
CREATE TRIGGER ledger_auditentry_read_only BEFORE UPDATE OR DELETE ON ledger_auditentry
    FOR EACH ROW EXECUTE FUNCTION ledger_auditentry_read_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SEARCH_INDEX)
    schema_editor.execute(AUDIT_GUARD)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS ledger_measure_search_gin")
    schema_editor.execute("DROP TRIGGER IF EXISTS ledger_auditentry_read_only ON ledger_auditentry")
    schema_editor.execute("DROP FUNCTION IF EXISTS ledger_auditentry_read_only()")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
