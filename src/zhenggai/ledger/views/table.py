"""The ledger page: every measure the user may see, filtered, searched, sorted and paged."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.ledger import queries
from zhenggai.ledger.access import owner_holders, visible_measures, visible_problems, visible_sources
from zhenggai.ledger.campaigns import visible_campaigns
from zhenggai.ledger.models import Campaign, Measure, Source, Status, Term, Workgroup
from zhenggai.ledger.search_plan import guarded
from zhenggai.ledger.views.options import options, organisation_pairs, user_pairs
from zhenggai.ledger.views.rows import ledger_rows
from zhenggai.orgs.access import is_manager_anywhere, known_organisations, role_signature, scope_q
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import READING_ROLES, Membership, Organisation, User

#: How long one person's filter lists (campaigns, sources, organisations, owners) are kept in the
#: process's cache: the ledger page is what everybody opens again and again, building the lists is a
#: third of it, and they change seldom. The key holds his own roles (a changed role is a new key) and
#: the highest id of each table (_generation): a new source, campaign, organisation, person or
#: membership shows at once; a renamed or removed one within this many seconds.
CHOICES_SECONDS = 30


def _generation() -> tuple[int, ...]:
    """The highest id of each table the lists come from: one query on their primary keys."""
    tables = [m._meta.db_table for m in (Source, Campaign, Organisation, Membership, User)]
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {t})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(value or 0 for value in row)


def choice_lists(user: User) -> dict[str, list[tuple[int, str]]]:
    """The (value, label) pairs of the user's filter boxes (the ledger's and the dashboard's), from the
    cache when still current."""
    fingerprint = f"{user.pk}:{role_signature(user)}:" + ":".join(map(str, _generation()))
    key = "ledger-filter-lists:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    found: dict[str, list[tuple[int, str]]] | None = cache.get(key)
    if found is None:
        # Owners he may see measures of: those who may own one where he reads, and himself.
        holders = owner_holders(scope_q(user, READING_ROLES)).values("pk")
        owners = User.objects.filter(Q(pk=user.pk) | Q(pk__in=holders)).order_by("display_name", "username")
        found = {
            "campaigns": list(visible_campaigns(user).values_list("pk", "name")[:200]),
            "sources": list(visible_sources(user).values_list("pk", "title")[:200]),
            "organisations": organisation_pairs(known_organisations(user)),
            "owners": user_pairs(owners[:500]),
        }
        cache.set(key, found, CHOICES_SECONDS)
    return found


def filter_choices(user: User, f: queries.LedgerFilter) -> dict[str, object]:
    """What the filter boxes offer: only things the user may see, as ready `<option>` lists."""
    lists = choice_lists(user)
    aspects: list[str] = []
    if f.source:
        aspects = list(
            visible_problems(user)
            .filter(source_id=f.source)
            .exclude(aspect="")
            .order_by("aspect")
            .values_list("aspect", flat=True)
            .distinct()[:100]
        )
    groups = None
    if f.campaign:
        groups = Workgroup.objects.filter(campaign_id=f.campaign, campaign__in=visible_campaigns(user))
    return {
        "campaign_options": options(lists["campaigns"], f.campaign),
        "workgroup_options": options(groups.values_list("pk", "name"), f.workgroup) if groups else "",
        "source_options": options(lists["sources"], f.source),
        "organisation_options": options(lists["organisations"], f.organisation),
        "unit_options": options(lists["organisations"], f.unit),
        "owner_options": options(lists["owners"], f.owner),
        "aspects": aspects,
        "statuses": Status.choices,
        "terms": Term.choices,
        "sorts": queries.SORT_LABELS,
    }


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The ledger page (整改台账): the measures the user may see, filtered, searched and sorted as the
    query string says, a page at a time (LEDGER_PAGE_SIZE) after a cursor, the count capped at 1,000
    ("1,000+"; a search's walk stops there too), not asked for when the first page is the only one.

    Filter values that cannot be read are left out and listed on the page, and so is a page cursor
    that cannot be read (no rows then); either is answered with 400.
    """
    user: User = request.user
    f = queries.parse_filter(request.GET)
    on = today()
    walk = queries.walks(f.q)
    measures = queries.apply(visible_measures(user), f, on, walk=walk)
    status, errors = (400 if f.errors else 200), list(f.errors)

    def rows_of(qs: QuerySet[Measure]) -> tuple[list[Measure], str | None]:
        return queries.page(
            qs.select_related("problem__source", "owner", "unit"), f, settings.LEDGER_PAGE_SIZE
        )

    cap = queries.SEARCH_COUNT_CAP
    try:
        if walk:
            by_index = queries.apply(visible_measures(user), f, on)
            rows, next_cursor = guarded(lambda: rows_of(measures), lambda: rows_of(by_index))
            count, more = guarded(
                lambda: queries.capped_count(measures, cap), lambda: queries.capped_count(by_index, cap)
            )
        else:
            rows, next_cursor = rows_of(measures)
            alone = not f.cursor and not next_cursor
            count, more = (len(rows), False) if alone else queries.capped_count(measures, cap)
    except Refusal as exc:
        rows, next_cursor, status = [], None, 400
        errors.append(exc.message)
        count, more = queries.capped_count(measures, cap)
    may_import = is_manager_anywhere(user)
    context = {
        "f": f,
        "rows": rows,
        "rows_html": ledger_rows(rows, may_import, on),
        **{"count": count, "count_text": f"{count:,}", "more": more},
        "next_query": f.query_string(after=next_cursor) if next_cursor else "",
        "first_query": f.query_string(),
        "may_import": may_import,
        "errors": errors,
        "getting_started": not rows and not errors and not visible_problems(user).exists(),
        **filter_choices(user, f),
    }
    return render(request, "ledger/index.html", context, status=status)
