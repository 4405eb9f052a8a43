# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""The dashboard's totals kept per ancestor, on PostgreSQL and SQLite: the whole province is a few rows.

Every measure is counted in each organisation of its organisation's path (itself and every one above
it), once under its problem's source and once under source 0 (every source), and in four dimensions:

    ledger_measure_tree (ancestor_id, source_id, dim, item, n, done)
        dim 's': item is the status; 'u': the unit's id ('' none); 'o': the owner's id ('' none);
        'a': the problem's aspect; 'd': the deadline (YYYY-MM-DD) of an open measure (未启动 or
        正在推进 with a deadline; none for the others). n measures, done of them done.
    ledger_problem_tree (ancestor_id, source_id, aspect, n, closed)

So an organisation's row holds the totals of its whole subtree, and the dashboard of the province
reads four status rows, a handful of aspect rows and the dozen largest units and owners (an index
on n) instead of summing a row per organisation. The ancestors come from the path string itself
("000001/000007/" → 1, 7), never from a lookup, so a subtree moved by one UPDATE of many paths is
counted right.

Triggers keep the tables exact in the transaction of every write, whatever makes it: services,
bulk inserts, COPY, raw updates and deletes, a problem moved to another source or aspect (its
measures move with it), an organisation moved elsewhere in the tree (its measures and problems move
from its old ancestors to its new ones). PostgreSQL: statement triggers with transition tables, one
grouped upsert per statement, in key order. SQLite: row triggers, one grouped upsert per row. Rows
that net to zero are never written, so a change that does not touch a counted column locks nothing.

The per-organisation rollup this replaces (0005, 0006, 0012) is dropped.
"""

import importlib

from django.db import migrations

TABLES = """
CREATE TABLE IF NOT EXISTS ledger_measure_tree (
    ancestor_id bigint NOT NULL, source_id bigint NOT NULL, dim varchar(1) NOT NULL,
    item varchar(300) NOT NULL, n integer NOT NULL, done integer NOT NULL,
    PRIMARY KEY (ancestor_id, source_id, dim, item)
);
CREATE INDEX IF NOT EXISTS ledger_measure_tree_largest ON ledger_measure_tree (ancestor_id, source_id, dim, n);
CREATE TABLE IF NOT EXISTS ledger_problem_tree (
    ancestor_id bigint NOT NULL, source_id bigint NOT NULL, aspect varchar(300) NOT NULL,
    n integer NOT NULL, closed integer NOT NULL,
    PRIMARY KEY (ancestor_id, source_id, aspect)
);
"""

_SOURCES = "(SELECT 0 AS k UNION ALL SELECT 1) k"
_DIMS = "(SELECT 's' AS dim UNION ALL SELECT 'u' UNION ALL SELECT 'o' UNION ALL SELECT 'a' UNION ALL SELECT 'd') d"


def _ancestors(vendor: str, path: str) -> tuple[str, str]:
    """(FROM item, id expression): one row per organisation id in `path`, as "000001/000007/" spells them."""
    if vendor == "postgresql":
        return f"unnest(string_to_array(rtrim({path}, '/'), '/')::bigint[]) AS anc(id)", "anc.id"
    return f"""json_each('["' || replace(rtrim({path}, '/'), '/', '","') || '"]') AS anc""", (
        "CAST(anc.value AS integer)"
    )


def measure_rows(vendor: str, m: str, p: str, sources: str, path: str, sign: str) -> str:
    """(ancestor_id, source_id, dim, item, n, done) of the measures `m` (alias or NEW/OLD) of problem `p`.

    `sources` is the rest of the FROM list and its WHERE (it names `m`, `p` and the path's table).
    """
    anc, anc_id = _ancestors(vendor, path)
    return f"""
        SELECT {anc_id} AS ancestor_id, CASE k.k WHEN 0 THEN {p}.source_id ELSE 0 END AS source_id, d.dim,
               CASE d.dim WHEN 's' THEN {m}.status
                          WHEN 'u' THEN coalesce(CAST({m}.unit_id AS varchar), '')
                          WHEN 'o' THEN coalesce(CAST({m}.owner_id AS varchar), '')
                          WHEN 'a' THEN {p}.aspect
                          ELSE coalesce(CAST({m}.deadline AS varchar), '') END AS item,
               CASE WHEN d.dim <> 'd' OR ({m}.status IN ('not_started', 'in_progress') AND {m}.deadline IS NOT NULL)
                    THEN {sign} ELSE 0 END AS n,
               CASE WHEN {m}.status = 'done' AND d.dim <> 'd' THEN {sign} ELSE 0 END AS done
        FROM {sources.replace("%ANC%", f"{anc}, {_SOURCES}, {_DIMS}")}"""


def problem_rows(vendor: str, p: str, sources: str, path: str, sign: str) -> str:
    """(ancestor_id, source_id, aspect, n, closed) of the problems `p`."""
    anc, anc_id = _ancestors(vendor, path)
    return f"""
        SELECT {anc_id} AS ancestor_id, CASE k.k WHEN 0 THEN {p}.source_id ELSE 0 END AS source_id,
               {p}.aspect AS aspect, {sign} AS n,
               CASE WHEN {p}.closed_at IS NOT NULL THEN {sign} ELSE 0 END AS closed
        FROM {sources.replace("%ANC%", f"{anc}, {_SOURCES}")}"""


def add_measures(*parts: str) -> str:
    """The upsert of the summed rows of `parts` (measure_rows()), rows that net to zero left out."""
    union = " UNION ALL ".join(parts)
    r, alias = ("r.", " AS r") if "unnest(" in union else ("", "")
    return f"""
    INSERT INTO ledger_measure_tree{alias} (ancestor_id, source_id, dim, item, n, done)
    SELECT ancestor_id, source_id, dim, item, sum(n), sum(done) FROM ({union}) c
    GROUP BY ancestor_id, source_id, dim, item HAVING sum(n) <> 0 OR sum(done) <> 0
    ORDER BY ancestor_id, source_id, dim, item
    ON CONFLICT (ancestor_id, source_id, dim, item) DO UPDATE SET n = {r}n + excluded.n, done = {r}done + excluded.done;"""


def add_problems(*parts: str) -> str:
    """The upsert of the summed rows of `parts` (problem_rows())."""
    union = " UNION ALL ".join(parts)
    r, alias = ("r.", " AS r") if "unnest(" in union else ("", "")
    return f"""
    INSERT INTO ledger_problem_tree{alias} (ancestor_id, source_id, aspect, n, closed)
    SELECT ancestor_id, source_id, aspect, sum(n), sum(closed) FROM ({union}) c
    GROUP BY ancestor_id, source_id, aspect HAVING sum(n) <> 0 OR sum(closed) <> 0
    ORDER BY ancestor_id, source_id, aspect
    ON CONFLICT (ancestor_id, source_id, aspect) DO UPDATE SET n = {r}n + excluded.n, closed = {r}closed + excluded.closed;"""


# --- PostgreSQL: statement triggers over the transition tables -----------------------------------

PG = "postgresql"
_M_OF = (
    "JOIN ledger_problem p ON p.id = m.problem_id JOIN orgs_organisation o ON o.id = m.organisation_id, %ANC%"
)
_P_OF = "JOIN orgs_organisation o ON o.id = p.organisation_id, %ANC%"
#: The columns whose change moves a row in the totals (a problem's closed_at only as closed or not).
_MEASURE_COUNTED = ("organisation_id", "problem_id", "unit_id", "owner_id", "status", "deadline")
_PROBLEM_COUNTED = ("organisation_id", "source_id", "aspect", "closed_at IS NULL")
_PROBLEM_MOVING = ("source_id", "aspect")


def _changed(a: str, b: str, columns: tuple[str, ...], differ: str) -> str:
    """Any of `columns` differs between rows `a` and `b` (`differ`: IS DISTINCT FROM, or SQLite's IS NOT)."""
    return "(" + " OR ".join(f"({a}.{c}) {differ} ({b}.{c})" for c in columns) + ")"


_M_CHANGED = _changed("m", "x", _MEASURE_COUNTED, "IS DISTINCT FROM")
_P_CHANGED = _changed("p", "x", _PROBLEM_COUNTED, "IS DISTINCT FROM")
_P_MOVED = _changed("p", "x", _PROBLEM_MOVING, "IS DISTINCT FROM")
_ORG_MOVED = "x.path <> g.path AND g.path NOT LIKE 'new-%' AND x.path NOT LIKE 'new-%'"


def _pg_function(name: str, body: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
{body}
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""


def _pg_trigger(name: str, table: str, event: str, function: str) -> str:
    tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows"}.get(
        event, "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    )
    return f"""
DROP TRIGGER IF EXISTS {name} ON {table};
CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();"""


PG_MEASURE_INSERT = add_measures(measure_rows(PG, "m", "p", f"new_rows m {_M_OF}", "o.path", "1"))
PG_MEASURE_DELETE = add_measures(measure_rows(PG, "m", "p", f"old_rows m {_M_OF}", "o.path", "-1"))
PG_MEASURE_UPDATE = add_measures(
    measure_rows(
        PG, "m", "p", f"old_rows m JOIN new_rows x ON x.id = m.id AND {_M_CHANGED} {_M_OF}", "o.path", "-1"
    ),
    measure_rows(
        PG, "m", "p", f"new_rows m JOIN old_rows x ON x.id = m.id AND {_M_CHANGED} {_M_OF}", "o.path", "1"
    ),
)
PG_PROBLEM_INSERT = add_problems(problem_rows(PG, "p", f"new_rows p {_P_OF}", "o.path", "1"))
PG_PROBLEM_DELETE = add_problems(problem_rows(PG, "p", f"old_rows p {_P_OF}", "o.path", "-1"))
PG_PROBLEM_UPDATE = add_problems(
    problem_rows(
        PG, "p", f"old_rows p JOIN new_rows x ON x.id = p.id AND {_P_CHANGED} {_P_OF}", "o.path", "-1"
    ),
    problem_rows(
        PG, "p", f"new_rows p JOIN old_rows x ON x.id = p.id AND {_P_CHANGED} {_P_OF}", "o.path", "1"
    ),
) + add_measures(
    # A problem moved to another source or aspect: its measures move with it.
    measure_rows(
        PG,
        "m",
        "p",
        f"old_rows p JOIN new_rows x ON x.id = p.id AND {_P_MOVED} JOIN ledger_measure m ON m.problem_id = p.id "
        "JOIN orgs_organisation o ON o.id = m.organisation_id, %ANC%",
        "o.path",
        "-1",
    ),
    measure_rows(
        PG,
        "m",
        "p",
        f"new_rows p JOIN old_rows x ON x.id = p.id AND {_P_MOVED} JOIN ledger_measure m ON m.problem_id = p.id "
        "JOIN orgs_organisation o ON o.id = m.organisation_id, %ANC%",
        "o.path",
        "1",
    ),
)
# An organisation moved: what it holds itself leaves the ancestors of its old path for those of its new
# one (each organisation of a moved subtree is a row of the same statement).
_G_OLD = f"old_rows g JOIN new_rows x ON x.id = g.id AND {_ORG_MOVED}"
_G_NEW = f"new_rows g JOIN old_rows x ON x.id = g.id AND {_ORG_MOVED}"
PG_ORG_UPDATE = add_measures(
    measure_rows(
        PG,
        "m",
        "p",
        f"{_G_OLD} JOIN ledger_measure m ON m.organisation_id = g.id "
        "JOIN ledger_problem p ON p.id = m.problem_id, %ANC%",
        "g.path",
        "-1",
    ),
    measure_rows(
        PG,
        "m",
        "p",
        f"{_G_NEW} JOIN ledger_measure m ON m.organisation_id = g.id "
        "JOIN ledger_problem p ON p.id = m.problem_id, %ANC%",
        "g.path",
        "1",
    ),
) + add_problems(
    problem_rows(
        PG, "p", f"{_G_OLD} JOIN ledger_problem p ON p.organisation_id = g.id, %ANC%", "g.path", "-1"
    ),
    problem_rows(
        PG, "p", f"{_G_NEW} JOIN ledger_problem p ON p.organisation_id = g.id, %ANC%", "g.path", "1"
    ),
)

PG_TRIGGERS = "".join(
    [
        _pg_function("ledger_measure_tree_insert", PG_MEASURE_INSERT),
        _pg_function("ledger_measure_tree_delete", PG_MEASURE_DELETE),
        _pg_function("ledger_measure_tree_update", PG_MEASURE_UPDATE),
        _pg_function("ledger_problem_tree_insert", PG_PROBLEM_INSERT),
        _pg_function("ledger_problem_tree_delete", PG_PROBLEM_DELETE),
        _pg_function("ledger_problem_tree_update", PG_PROBLEM_UPDATE),
        _pg_function("ledger_organisation_tree_update", PG_ORG_UPDATE),
        _pg_trigger("ledger_measure_tree_insert", "ledger_measure", "INSERT", "ledger_measure_tree_insert"),
        _pg_trigger("ledger_measure_tree_delete", "ledger_measure", "DELETE", "ledger_measure_tree_delete"),
        _pg_trigger("ledger_measure_tree_update", "ledger_measure", "UPDATE", "ledger_measure_tree_update"),
        _pg_trigger("ledger_problem_tree_insert", "ledger_problem", "INSERT", "ledger_problem_tree_insert"),
        _pg_trigger("ledger_problem_tree_delete", "ledger_problem", "DELETE", "ledger_problem_tree_delete"),
        _pg_trigger("ledger_problem_tree_update", "ledger_problem", "UPDATE", "ledger_problem_tree_update"),
        _pg_trigger(
            "ledger_organisation_tree_update",
            "orgs_organisation",
            "UPDATE",
            "ledger_organisation_tree_update",
        ),
    ]
)
PG_NAMES = [
    ("ledger_measure_tree_insert", "ledger_measure"),
    ("ledger_measure_tree_delete", "ledger_measure"),
    ("ledger_measure_tree_update", "ledger_measure"),
    ("ledger_problem_tree_insert", "ledger_problem"),
    ("ledger_problem_tree_delete", "ledger_problem"),
    ("ledger_problem_tree_update", "ledger_problem"),
    ("ledger_organisation_tree_update", "orgs_organisation"),
]


def _pg_old_rollup() -> str:
    """What drops the per-organisation rollup of 0005 and 0006 (0006's statement triggers and functions)."""
    drop = importlib.import_module("zhenggai.ledger.migrations.0005_postgres_dashboard_rollup").DROP
    return (
        "DROP TRIGGER IF EXISTS ledger_measure_rollup_delete ON ledger_measure;\n"
        "DROP TRIGGER IF EXISTS ledger_problem_rollup_delete ON ledger_problem;\n"
        + drop
        + "DROP FUNCTION IF EXISTS ledger_measure_rollup_statement();\n"
        "DROP FUNCTION IF EXISTS ledger_problem_rollup_statement();\n"
    )


# --- SQLite: row triggers -------------------------------------------------------------------------

SL = "sqlite"
_SL_M = (
    "ledger_problem p, orgs_organisation o, %ANC% WHERE p.id = {m}.problem_id AND o.id = {m}.organisation_id"
)
_SL_P = "orgs_organisation o, %ANC% WHERE o.id = {p}.organisation_id"
_SL_M_CHANGED = _changed("OLD", "NEW", _MEASURE_COUNTED, "IS NOT")
_SL_P_CHANGED = _changed("OLD", "NEW", _PROBLEM_COUNTED, "IS NOT")
_SL_P_MOVED = _changed("OLD", "NEW", _PROBLEM_MOVING, "IS NOT")
_SL_ORG_MOVED = "OLD.path <> NEW.path AND OLD.path NOT LIKE 'new-%' AND NEW.path NOT LIKE 'new-%'"


def _sl_measure(row: str, sign: str) -> str:
    return measure_rows(SL, row, "p", _SL_M.format(m=row), "o.path", sign)


def _sl_problem(row: str, sign: str) -> str:
    return problem_rows(SL, row, _SL_P.format(p=row), "o.path", sign)


def _sl_moved_measures(row: str, sign: str) -> str:
    sources = f"ledger_measure m, orgs_organisation o, %ANC% WHERE m.problem_id = NEW.id AND o.id = m.organisation_id AND {_SL_P_MOVED}"
    return measure_rows(SL, "m", row, sources, "o.path", sign)


def _sl_org_measures(row: str, sign: str) -> str:
    sources = (
        "ledger_measure m, ledger_problem p, %ANC% WHERE m.organisation_id = NEW.id AND p.id = m.problem_id"
    )
    return measure_rows(SL, "m", "p", sources, f"{row}.path", sign)


def _sl_org_problems(row: str, sign: str) -> str:
    return problem_rows(
        SL, "p", "ledger_problem p, %ANC% WHERE p.organisation_id = NEW.id", f"{row}.path", sign
    )


SL_TRIGGERS = [
    "CREATE TRIGGER ledger_measure_tree_insert AFTER INSERT ON ledger_measure BEGIN"
    f"{add_measures(_sl_measure('NEW', '1'))} END",
    "CREATE TRIGGER ledger_measure_tree_delete AFTER DELETE ON ledger_measure BEGIN"
    f"{add_measures(_sl_measure('OLD', '-1'))} END",
    f"CREATE TRIGGER ledger_measure_tree_update AFTER UPDATE ON ledger_measure WHEN {_SL_M_CHANGED} BEGIN"
    f"{add_measures(_sl_measure('OLD', '-1'), _sl_measure('NEW', '1'))} END",
    "CREATE TRIGGER ledger_problem_tree_insert AFTER INSERT ON ledger_problem BEGIN"
    f"{add_problems(_sl_problem('NEW', '1'))} END",
    "CREATE TRIGGER ledger_problem_tree_delete AFTER DELETE ON ledger_problem BEGIN"
    f"{add_problems(_sl_problem('OLD', '-1'))} END",
    f"CREATE TRIGGER ledger_problem_tree_update AFTER UPDATE ON ledger_problem WHEN {_SL_P_CHANGED} BEGIN"
    f"{add_problems(_sl_problem('OLD', '-1'), _sl_problem('NEW', '1'))}"
    f"{add_measures(_sl_moved_measures('OLD', '-1'), _sl_moved_measures('NEW', '1'))} END",
    f"CREATE TRIGGER ledger_organisation_tree_update AFTER UPDATE OF path ON orgs_organisation "
    f"WHEN {_SL_ORG_MOVED} BEGIN"
    f"{add_measures(_sl_org_measures('OLD', '-1'), _sl_org_measures('NEW', '1'))}"
    f"{add_problems(_sl_org_problems('OLD', '-1'), _sl_org_problems('NEW', '1'))} END",
]
SL_NAMES = [name for name, _ in PG_NAMES]
SL_OLD_ROLLUP = [
    *(
        f"DROP TRIGGER IF EXISTS ledger_{name}"
        for name in (
            "measure_rollup_insert",
            "measure_rollup_delete",
            "measure_rollup_update",
            "problem_rollup_insert",
            "problem_rollup_delete",
            "problem_rollup_update",
        )
    ),
    "DROP TABLE IF EXISTS ledger_measure_rollup",
    "DROP TABLE IF EXISTS ledger_problem_rollup",
]


def fill(vendor: str) -> list[str]:
    """The statements that count every row there is now into the (emptied) tree tables."""
    return [
        "DELETE FROM ledger_measure_tree",
        "DELETE FROM ledger_problem_tree",
        add_measures(
            measure_rows(
                vendor,
                "m",
                "p",
                "ledger_measure m JOIN ledger_problem p ON p.id = m.problem_id "
                "JOIN orgs_organisation o ON o.id = m.organisation_id, %ANC% WHERE true",
                "o.path",
                "1",
            )
        ),
        add_problems(
            problem_rows(
                vendor,
                "p",
                "ledger_problem p JOIN orgs_organisation o ON o.id = p.organisation_id, %ANC% WHERE true",
                "o.path",
                "1",
            )
        ),
    ]


def _statements(script: str) -> list[str]:
    return [s for s in script.split(";\n") if s.strip()]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in (PG, SL):
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in _statements(TABLES):
            cursor.execute(statement)
        if vendor == PG:
            cursor.execute(_pg_old_rollup())
            cursor.execute(PG_TRIGGERS)
        else:
            for statement in SL_OLD_ROLLUP:
                cursor.execute(statement)
            for name in SL_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for statement in SL_TRIGGERS:
                cursor.execute(statement)
        for statement in fill(vendor):
            cursor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in (PG, SL):
        return
    with schema_editor.connection.cursor() as cursor:
        for name, table in PG_NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if vendor == PG else ""))
            if vendor == PG:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        cursor.execute("DROP TABLE IF EXISTS ledger_measure_tree")
        cursor.execute("DROP TABLE IF EXISTS ledger_problem_tree")
    # The per-organisation rollup back, as its migrations made it.
    names = ["0005_postgres_dashboard_rollup", "0006_postgres_rollup_statement_triggers"]
    if vendor == SL:
        names = ["0012_sqlite_dashboard_rollup"]
    for name in names:
        importlib.import_module(f"zhenggai.ledger.migrations.{name}").forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0013_merge_0012_campaigns_0012_sqlite_dashboard_rollup")]

    operations = [migrations.RunPython(forwards, backwards)]
