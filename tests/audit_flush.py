"""Django's flush at the end of a transactional test may empty the audit trail; nothing else may.

The database refuses to delete or truncate audit entries (ledger migration 0008): nothing in the
application can. A TransactionTestCase (and pytest-django's `transactional_db`) ends by flushing
every table, so here, and only here, the guard is lifted around that flush and put back, in the
same transaction: no other connection ever sees the trail unguarded.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import TransactionTestCase

guard = importlib.import_module("zhenggai.ledger.migrations.0008_audit_guard_everywhere")


@contextlib.contextmanager
def audit_guard_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Within one transaction: the audit triggers off, the body, the triggers back on."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE ledger_auditentry DISABLE TRIGGER ledger_auditentry_no_truncate")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER ledger_auditentry_no_delete")
        yield
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE ledger_auditentry ENABLE TRIGGER ledger_auditentry_no_truncate")
        elif connection.vendor == "sqlite":
            cursor.execute(guard.SQLITE_TRIGGERS["ledger_auditentry_no_delete"])


_flush_after_test = TransactionTestCase._fixture_teardown


def _fixture_teardown(self: TransactionTestCase) -> None:
    with contextlib.ExitStack() as lifted:
        for alias in self._databases_names(include_mirrors=False):
            lifted.enter_context(audit_guard_lifted(connections[alias]))
        _flush_after_test(self)


TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[method-assign]  # see the docstring
