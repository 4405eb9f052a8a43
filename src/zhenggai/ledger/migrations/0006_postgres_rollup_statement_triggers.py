# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""PostgreSQL only: inserts and deletes update the dashboard rollup once per statement, not per row.

A bulk import or a COPY of a million measures then adds one grouped upsert instead of a million
single ones. Updates stay per row (migration 0005): they change a few rows at a time.
"""

from django.db import migrations

STATEMENT_TRIGGERS = """
CREATE OR REPLACE FUNCTION ledger_measure_rollup_statement() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ledger_measure_rollup AS r
            (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
        SELECT m.organisation_id, p.source_id, p.aspect, coalesce(m.unit_id, 0),
               coalesce(m.owner_id, 0), m.status, count(*)
        FROM new_rows m JOIN ledger_problem p ON p.id = m.problem_id
        GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (organisation_id, source_id, aspect, unit_id, owner_id, status)
        DO UPDATE SET n = r.n + excluded.n;
    ELSE
        INSERT INTO ledger_measure_rollup AS r
            (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
        SELECT m.organisation_id, p.source_id, p.aspect, coalesce(m.unit_id, 0),
               coalesce(m.owner_id, 0), m.status, -count(*)
        FROM old_rows m JOIN ledger_problem p ON p.id = m.problem_id
        GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (organisation_id, source_id, aspect, unit_id, owner_id, status)
        DO UPDATE SET n = r.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ledger_problem_rollup_statement() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ledger_problem_rollup AS r (organisation_id, source_id, aspect, n, closed)
        SELECT organisation_id, source_id, aspect, count(*),
               count(*) FILTER (WHERE closed_at IS NOT NULL)
        FROM new_rows GROUP BY 1, 2, 3
        ON CONFLICT (organisation_id, source_id, aspect)
        DO UPDATE SET n = r.n + excluded.n, closed = r.closed + excluded.closed;
    ELSE
        INSERT INTO ledger_problem_rollup AS r (organisation_id, source_id, aspect, n, closed)
        SELECT organisation_id, source_id, aspect, -count(*),
               -count(*) FILTER (WHERE closed_at IS NOT NULL)
        FROM old_rows GROUP BY 1, 2, 3
        ON CONFLICT (organisation_id, source_id, aspect)
        DO UPDATE SET n = r.n + excluded.n, closed = r.closed + excluded.closed;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ledger_measure_rollup_insert ON ledger_measure;
CREATE TRIGGER ledger_measure_rollup_insert AFTER INSERT ON ledger_measure
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_measure_rollup_statement();
DROP TRIGGER IF EXISTS ledger_measure_rollup_delete ON ledger_measure;
CREATE TRIGGER ledger_measure_rollup_delete AFTER DELETE ON ledger_measure
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_measure_rollup_statement();
DROP TRIGGER IF EXISTS ledger_problem_rollup_insert ON ledger_problem;
CREATE TRIGGER ledger_problem_rollup_insert AFTER INSERT ON ledger_problem
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_problem_rollup_statement();
DROP TRIGGER IF EXISTS ledger_problem_rollup_delete ON ledger_problem;
CREATE TRIGGER ledger_problem_rollup_delete AFTER DELETE ON ledger_problem
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_problem_rollup_statement();
"""

ROW_TRIGGERS = """
DROP TRIGGER IF EXISTS ledger_measure_rollup_delete ON ledger_measure;
DROP TRIGGER IF EXISTS ledger_measure_rollup_insert ON ledger_measure;
CREATE TRIGGER ledger_measure_rollup_insert AFTER INSERT OR DELETE ON ledger_measure
    FOR EACH ROW EXECUTE FUNCTION ledger_measure_rollup_row();
DROP TRIGGER IF EXISTS ledger_problem_rollup_delete ON ledger_problem;
DROP TRIGGER IF EXISTS ledger_problem_rollup_insert ON ledger_problem;
CREATE TRIGGER ledger_problem_rollup_insert AFTER INSERT OR DELETE ON ledger_problem
    FOR EACH ROW EXECUTE FUNCTION ledger_problem_rollup_row();
DROP FUNCTION IF EXISTS ledger_measure_rollup_statement();
DROP FUNCTION IF EXISTS ledger_problem_rollup_statement();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATEMENT_TRIGGERS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ROW_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_postgres_dashboard_rollup")]

    operations = [migrations.RunPython(forwards, backwards)]
