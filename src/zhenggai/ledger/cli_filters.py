"""The ledger page's filters on the command line: `ledger export` and `render ledger` read them alike."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import QuerySet
from django.http import QueryDict

from zhenggai.core.dates import today
from zhenggai.ledger import queries
from zhenggai.ledger.models import Measure

#: The ledger page's query-string filters, each an option of the same name (--due-within for due_within).
FILTERS = ("source", "organisation", "unit", "owner", "aspect", "status", "term", "due_within", "q")


def add_filter_arguments(parser: CommandParser) -> None:
    """--overdue and one option per filter of the ledger page."""
    parser.add_argument("--overdue", action="store_true", help="只包括已逾期的措施")
    for name in FILTERS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"与台账页面相同的筛选条件 {name}")


def filtered_measures(options: dict[str, Any]) -> QuerySet[Measure]:
    """Every measure that passes the filters given (no access check: the operator's commands).

    Raises CommandError with the Chinese reasons when a value cannot be read.
    """
    params = QueryDict(mutable=True)
    for name in FILTERS:
        if options.get(name):
            params[name] = options[name]
    if options.get("overdue"):
        params["overdue"] = "1"
    f = queries.parse_filter(params)
    if f.errors:
        raise CommandError("；".join(f.errors))
    return queries.apply(Measure.objects.all(), f, today())
