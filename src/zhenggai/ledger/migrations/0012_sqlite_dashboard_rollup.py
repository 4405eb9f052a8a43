# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""SQLite gets the dashboard's rollup tables too, kept by triggers as PostgreSQL's are (0005, 0006).

Same tables and meaning: measures per (organisation, source, aspect, unit, owner, status), problems
and closed problems per (organisation, source, aspect), an empty unit or owner stored as 0. SQLite
has only row triggers; each adds or takes one with an upsert, in the transaction of the write,
whatever path makes it (services, the import's bulk inserts, raw updates and deletes). A problem
moved to another source or aspect moves its measures' counts with it. The dashboard then reads the
rollup on both databases (ledger/rollup.py).
"""

from django.db import migrations

_MEASURE_KEY = "(organisation_id, source_id, aspect, unit_id, owner_id, status)"
_PROBLEM_KEY = "(organisation_id, source_id, aspect)"


def _measure_add(row: str, sign: str) -> str:
    """One measure (NEW or OLD) counted into (sign 1) or out of (-1) the measure rollup."""
    return f"""
    INSERT INTO ledger_measure_rollup {_MEASURE_KEY[:-1]}, n)
    SELECT {row}.organisation_id, p.source_id, p.aspect, coalesce({row}.unit_id, 0),
           coalesce({row}.owner_id, 0), {row}.status, {sign}
    FROM ledger_problem p WHERE p.id = {row}.problem_id
    ON CONFLICT {_MEASURE_KEY} DO UPDATE SET n = n + excluded.n;"""


def _problem_add(row: str, sign: str) -> str:
    """One problem (NEW or OLD) counted into or out of the problem rollup."""
    return f"""
    INSERT INTO ledger_problem_rollup (organisation_id, source_id, aspect, n, closed)
    SELECT {row}.organisation_id, {row}.source_id, {row}.aspect, {sign},
           CASE WHEN {row}.closed_at IS NOT NULL THEN {sign} ELSE 0 END
    WHERE true
    ON CONFLICT {_PROBLEM_KEY} DO UPDATE SET n = n + excluded.n, closed = closed + excluded.closed;"""


def _move_measures(row: str, sign: str) -> str:
    """The measures of problem NEW counted under `row`'s source and aspect (a problem moved)."""
    return f"""
    INSERT INTO ledger_measure_rollup {_MEASURE_KEY[:-1]}, n)
    SELECT m.organisation_id, {row}.source_id, {row}.aspect, coalesce(m.unit_id, 0),
           coalesce(m.owner_id, 0), m.status, {sign} * count(*)
    FROM ledger_measure m
    WHERE m.problem_id = NEW.id
      AND (OLD.source_id IS NOT NEW.source_id OR OLD.aspect IS NOT NEW.aspect)
    GROUP BY m.organisation_id, coalesce(m.unit_id, 0), coalesce(m.owner_id, 0), m.status
    ON CONFLICT {_MEASURE_KEY} DO UPDATE SET n = n + excluded.n;"""


TABLES = """
CREATE TABLE IF NOT EXISTS ledger_measure_rollup (
    organisation_id bigint NOT NULL, source_id bigint NOT NULL, aspect varchar(300) NOT NULL,
    unit_id bigint NOT NULL, owner_id bigint NOT NULL, status varchar(20) NOT NULL, n integer NOT NULL,
    PRIMARY KEY (organisation_id, source_id, aspect, unit_id, owner_id, status)
);
CREATE TABLE IF NOT EXISTS ledger_problem_rollup (
    organisation_id bigint NOT NULL, source_id bigint NOT NULL, aspect varchar(300) NOT NULL,
    n integer NOT NULL, closed integer NOT NULL,
    PRIMARY KEY (organisation_id, source_id, aspect)
);
"""

_MEASURE_CHANGED = (
    "OLD.organisation_id IS NOT NEW.organisation_id OR OLD.problem_id IS NOT NEW.problem_id "
    "OR OLD.unit_id IS NOT NEW.unit_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.status IS NOT NEW.status"
)
_PROBLEM_CHANGED = (
    "OLD.organisation_id IS NOT NEW.organisation_id OR OLD.source_id IS NOT NEW.source_id "
    "OR OLD.aspect IS NOT NEW.aspect OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)"
)

TRIGGERS = [
    f"CREATE TRIGGER ledger_measure_rollup_insert AFTER INSERT ON ledger_measure BEGIN"
    f"{_measure_add('NEW', '1')} END",
    f"CREATE TRIGGER ledger_measure_rollup_delete AFTER DELETE ON ledger_measure BEGIN"
    f"{_measure_add('OLD', '-1')} END",
    f"CREATE TRIGGER ledger_measure_rollup_update AFTER UPDATE ON ledger_measure WHEN {_MEASURE_CHANGED} BEGIN"
    f"{_measure_add('OLD', '-1')}{_measure_add('NEW', '1')} END",
    f"CREATE TRIGGER ledger_problem_rollup_insert AFTER INSERT ON ledger_problem BEGIN"
    f"{_problem_add('NEW', '1')} END",
    f"CREATE TRIGGER ledger_problem_rollup_delete AFTER DELETE ON ledger_problem BEGIN"
    f"{_problem_add('OLD', '-1')} END",
    f"CREATE TRIGGER ledger_problem_rollup_update AFTER UPDATE ON ledger_problem WHEN {_PROBLEM_CHANGED} BEGIN"
    f"{_problem_add('OLD', '-1')}{_problem_add('NEW', '1')}"
    f"{_move_measures('OLD', '-1')}{_move_measures('NEW', '1')} END",
]

FILL = [
    "DELETE FROM ledger_measure_rollup",
    "DELETE FROM ledger_problem_rollup",
    """INSERT INTO ledger_measure_rollup (organisation_id, source_id, aspect, unit_id, owner_id, status, n)
    SELECT m.organisation_id, p.source_id, p.aspect, coalesce(m.unit_id, 0), coalesce(m.owner_id, 0),
           m.status, count(*)
    FROM ledger_measure m JOIN ledger_problem p ON p.id = m.problem_id
    GROUP BY 1, 2, 3, 4, 5, 6""",
    """INSERT INTO ledger_problem_rollup (organisation_id, source_id, aspect, n, closed)
    SELECT organisation_id, source_id, aspect, count(*), count(*) FILTER (WHERE closed_at IS NOT NULL)
    FROM ledger_problem GROUP BY 1, 2, 3""",
]

NAMES = ("measure_rollup_insert", "measure_rollup_delete", "measure_rollup_update")
NAMES += ("problem_rollup_insert", "problem_rollup_delete", "problem_rollup_update")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in TABLES.split(";"):
            if statement.strip():
                cursor.execute(statement)
        for name in NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS ledger_{name}")
        for statement in (*TRIGGERS, *FILL):
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS ledger_{name}")
        cursor.execute("DROP TABLE IF EXISTS ledger_measure_rollup")
        cursor.execute("DROP TABLE IF EXISTS ledger_problem_rollup")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0011_merge_versions_and_reminders")]

    operations = [migrations.RunPython(forwards, backwards)]
