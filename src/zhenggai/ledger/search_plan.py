"""How PostgreSQL should answer a ledger search: walk the table in page order, or ask the GIN index.

A common word ("调研" is in one measure of eight) matches a hundred thousand rows at a million:
fetching them all from the GIN index and sorting them for one page of 50 takes a second, while
walking the table in page order and testing each row stops after a few hundred rows. A rare word is
the opposite: the walk would test every row (seconds) and the index answers at once. The planner
would choose well by itself if it knew how common the term is, but the substring test that keeps
the search exact (LIKE '%调研%') is guessed to keep almost nothing, which makes every term look rare.

So: `common()` asks the index statistics about each token of the query; for a common term the
substring test is written as strpos(…) > 0 (`contains()`), the same test with the planner's
neutral guess, and the planner walks; the walk leaves the tsvector condition out (computing a row's
tsvector costs more than the substring tests it would spare). The count walks too, and stops at the
1,001st match (queries.SEARCH_COUNT_CAP): neither the page nor the count touches every match, and
both cost what the word's frequency says, not what the ledger's size does. Tokens common on their
own may still be rare together, so the walk runs under a short statement timeout and falls back to
the index (`guarded()`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, connection, transaction
from django.db.models import Q, Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan

from zhenggai.ledger.search import phrase

T = TypeVar("T")

#: A token found in at least this share of the measures (by the statistics) is common.
COMMON_SHARE = 0.02
#: The most tokens of a query looked up (each is one EXPLAIN of a fraction of a millisecond).
MAX_TOKENS = 8
#: How long a walk may take before the index answers instead.
WALK_TIMEOUT_MS = 400

_ESTIMATE = (
    "EXPLAIN (FORMAT JSON) SELECT 1 FROM ledger_measure "
    "WHERE to_tsvector('simple'::regconfig, search_text) @@ to_tsquery('simple'::regconfig, %s)"
)


def common(tokens: list[str]) -> bool:
    """Whether every token is among the common ones of the search index (PostgreSQL only).

    Tokens outside the index's list of most common elements get a default estimate of at most half
    the rarest listed one's share, so a token judged common here is common.
    """
    if connection.vendor != "postgresql" or not tokens or len(tokens) > MAX_TOKENS:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'ledger_measure'")
        row = cursor.fetchone()
        total = float(row[0]) if row else 0.0
        if total < 1:
            return False
        for token in tokens:
            cursor.execute(_ESTIMATE, [f"'{token}'"])
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            if plan[0]["Plan"]["Plan Rows"] < COMMON_SHARE * total:
                return False
    return True


def contains(text: str, *, walk: bool = True) -> Q:
    """The measure or its problem contains `text` (a run of search.runs()), ignoring case, with or
    without spaces and punctuation between its characters (学习计划 finds 学习、计划).

    Each field is tested for the run as it is first, then, only when it holds the run's first
    character, for the run's regular expression (search.phrase). `walk`: the substring tests as
    strpos(…) > 0 (of upper() when the run has letters), for the planner's neutral guess (see above).
    """
    # Case matters only for letters: Han runs are matched as they are (no upper() of every row's text,
    # and PostgreSQL does not fold the whole separator class under ~*).
    cased = text.lower() != text.upper()
    regex = "iregex" if cased else "regex"
    found = Q()
    for field in ("text", "problem__description"):
        plain = _has(field, text, walk, cased)
        if len(text) > 1:
            plain |= _has(field, text[0], walk, cased) & Q(**{f"{field}__{regex}": phrase(text)})
        found |= plain
    return found


def _has(field: str, text: str, walk: bool, cased: bool) -> Q:
    """`field` contains `text`, ignoring case when it has letters."""
    if not walk:
        return Q(**{f"{field}__icontains" if cased else f"{field}__contains": text})
    if not cased:
        return Q(GreaterThan(StrIndex(field, Value(text)), 0))
    return Q(GreaterThan(StrIndex(Upper(field), Upper(Value(text))), 0))


def guarded(walk: Callable[[], T], index: Callable[[], T]) -> T:
    """`walk()` under the walk's statement timeout; `index()` when the walk takes too long."""
    if connection.vendor != "postgresql":
        return walk()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(WALK_TIMEOUT_MS)}")
            return walk()
    except DatabaseError:
        return index()
