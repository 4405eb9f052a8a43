# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""PostgreSQL only: the dashboard's counts kept by triggers, so it never groups a million rows.

`ledger_measure_rollup` holds the number of measures per (organisation, source, aspect, unit,
owner, status), `ledger_problem_rollup` the number of problems and closed problems per
(organisation, source, aspect). Triggers on ledger_measure and ledger_problem keep them right in
the same transaction as every write, whichever code path makes it (services, bulk import, COPY,
raw updates). An empty unit or owner is stored as 0. SQLite gets neither: there the dashboard
groups the live rows.
"""

from django.db import migrations

ROLLUP = """
CREATE TABLE IF NOT EXISTS ledger_measure_rollup (
    organisation_id bigint NOT NULL,
    source_id bigint NOT NULL,
    aspect varchar(300) NOT NULL,
    unit_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    status varchar(20) NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (organisation_id, source_id, aspect, unit_id, owner_id, status)
);
CREATE TABLE IF NOT EXISTS ledger_problem_rollup (
    organisation_id bigint NOT NULL,
    source_id bigint NOT NULL,
    aspect varchar(300) NOT NULL,
    n integer NOT NULL,
    closed integer NOT NULL,
    PRIMARY KEY (organisation_id, source_id, aspect)
);

CREATE OR REPLACE FUNCTION ledger_measure_rollup_add(
    m_org bigint, m_problem bigint, m_unit bigint, m_owner bigint, m_status varchar, delta integer
) RETURNS void AS $$
    INSERT INTO ledger_measure_rollup AS r
        (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
    SELECT m_org, p.source_id, p.aspect, coalesce(m_unit, 0), coalesce(m_owner, 0), m_status, delta
    FROM ledger_problem p WHERE p.id = m_problem
    ON CONFLICT (organisation_id, source_id, aspect, unit_id, owner_id, status)
    DO UPDATE SET n = r.n + excluded.n;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION ledger_measure_rollup_row() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM ledger_measure_rollup_add(
            OLD.organisation_id, OLD.problem_id, OLD.unit_id, OLD.owner_id, OLD.status, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM ledger_measure_rollup_add(
            NEW.organisation_id, NEW.problem_id, NEW.unit_id, NEW.owner_id, NEW.status, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ledger_measure_rollup_insert ON ledger_measure;
CREATE TRIGGER ledger_measure_rollup_insert AFTER INSERT OR DELETE ON ledger_measure
    FOR EACH ROW EXECUTE FUNCTION ledger_measure_rollup_row();
DROP TRIGGER IF EXISTS ledger_measure_rollup_update ON ledger_measure;
CREATE TRIGGER ledger_measure_rollup_update AFTER UPDATE ON ledger_measure
    FOR EACH ROW WHEN (
        OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
        OR OLD.problem_id IS DISTINCT FROM NEW.problem_id
        OR OLD.unit_id IS DISTINCT FROM NEW.unit_id
        OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
        OR OLD.status IS DISTINCT FROM NEW.status
    ) EXECUTE FUNCTION ledger_measure_rollup_row();

CREATE OR REPLACE FUNCTION ledger_problem_rollup_add(
    p_org bigint, p_source bigint, p_aspect varchar, p_closed boolean, delta integer
) RETURNS void AS $$
    INSERT INTO ledger_problem_rollup AS r (organisation_id, source_id, aspect, n, closed)
    VALUES (p_org, p_source, p_aspect, delta, CASE WHEN p_closed THEN delta ELSE 0 END)
    ON CONFLICT (organisation_id, source_id, aspect)
    DO UPDATE SET n = r.n + excluded.n, closed = r.closed + excluded.closed;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION ledger_problem_rollup_row() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM ledger_problem_rollup_add(
            OLD.organisation_id, OLD.source_id, OLD.aspect, OLD.closed_at IS NOT NULL, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM ledger_problem_rollup_add(
            NEW.organisation_id, NEW.source_id, NEW.aspect, NEW.closed_at IS NOT NULL, 1);
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD.source_id IS DISTINCT FROM NEW.source_id
                             OR OLD.aspect IS DISTINCT FROM NEW.aspect) THEN
        -- The problem's measures move to its new source or aspect.
        INSERT INTO ledger_measure_rollup AS r
            (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
        SELECT m.organisation_id, s.source_id, s.aspect, coalesce(m.unit_id, 0),
               coalesce(m.owner_id, 0), m.status, count(*) * s.sign
        FROM ledger_measure m,
             (VALUES (OLD.source_id, OLD.aspect, -1), (NEW.source_id, NEW.aspect, 1))
                 AS s (source_id, aspect, sign)
        WHERE m.problem_id = NEW.id
        GROUP BY m.organisation_id, s.source_id, s.aspect, m.unit_id, m.owner_id, m.status, s.sign
        ON CONFLICT (organisation_id, source_id, aspect, unit_id, owner_id, status)
        DO UPDATE SET n = r.n + excluded.n;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ledger_problem_rollup_insert ON ledger_problem;
CREATE TRIGGER ledger_problem_rollup_insert AFTER INSERT OR DELETE ON ledger_problem
    FOR EACH ROW EXECUTE FUNCTION ledger_problem_rollup_row();
DROP TRIGGER IF EXISTS ledger_problem_rollup_update ON ledger_problem;
CREATE TRIGGER ledger_problem_rollup_update AFTER UPDATE ON ledger_problem
    FOR EACH ROW WHEN (
        OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
        OR OLD.source_id IS DISTINCT FROM NEW.source_id
        OR OLD.aspect IS DISTINCT FROM NEW.aspect
        OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)
    ) EXECUTE FUNCTION ledger_problem_rollup_row();

TRUNCATE ledger_measure_rollup, ledger_problem_rollup;
INSERT INTO ledger_measure_rollup (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
SELECT m.organisation_id, p.source_id, p.aspect, coalesce(m.unit_id, 0), coalesce(m.owner_id, 0),
       m.status, count(*)
FROM ledger_measure m JOIN ledger_problem p ON p.id = m.problem_id
GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO ledger_problem_rollup (organisation_id, source_id, aspect, n, closed)
SELECT organisation_id, source_id, aspect, count(*), count(*) FILTER (WHERE closed_at IS NOT NULL)
FROM ledger_problem GROUP BY 1, 2, 3;
"""

DROP = """
DROP TRIGGER IF EXISTS ledger_measure_rollup_insert ON ledger_measure;
DROP TRIGGER IF EXISTS ledger_measure_rollup_update ON ledger_measure;
DROP TRIGGER IF EXISTS ledger_problem_rollup_insert ON ledger_problem;
DROP TRIGGER IF EXISTS ledger_problem_rollup_update ON ledger_problem;
DROP FUNCTION IF EXISTS ledger_measure_rollup_row();
DROP FUNCTION IF EXISTS ledger_problem_rollup_row();
DROP FUNCTION IF EXISTS ledger_measure_rollup_add(bigint, bigint, bigint, bigint, varchar, integer);
DROP FUNCTION IF EXISTS ledger_problem_rollup_add(bigint, bigint, varchar, boolean, integer);
DROP TABLE IF EXISTS ledger_measure_rollup;
DROP TABLE IF EXISTS ledger_problem_rollup;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ROLLUP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0004_measure_organisation_status")]

    operations = [migrations.RunPython(forwards, backwards)]
