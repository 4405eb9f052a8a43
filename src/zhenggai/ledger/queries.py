"""The ledger table: filters from the query string, Chinese search, keyset paging, a capped count.

Paging never counts every row nor skips with a deep OFFSET: each page starts after the last row
of the previous one (a cursor of sort value and id), so page 10,000 costs what page 1 costs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from zhenggai.core.errors import Refusal
from zhenggai.ledger import search_plan
from zhenggai.ledger.models import OPEN_STATUSES, Measure, Status, Term
from zhenggai.ledger.search import normal, runs, tokens, tsquery, variants

#: sort key → (field, descending)
SORTS: dict[str, tuple[str, bool]] = {
    "id": ("id", False),
    "deadline": ("deadline", False),
    "-deadline": ("deadline", True),
    "-updated": ("updated_at", True),
}
SORT_LABELS = {
    "id": "台账顺序",
    "deadline": "完成时限（早→晚）",
    "-deadline": "完成时限（晚→早）",
    "-updated": "最近更新",
}
#: An organisation filter lists the ids of its subtree up to this many (see _subtree_q).
SUBTREE_IDS = 500
#: The API counts its rows up to this many.
COUNT_CAP = 10_000
#: The ledger page counts its rows, searched or not, up to this many: past it the page says "1,000+"
#: (a count that stops: counting ten thousand rows cost more than the rest of the page's SQL).
SEARCH_COUNT_CAP = 1_000


@dataclass
class LedgerFilter:
    """The ledger's filters, search, sort and page cursor as read from a query string.

    `errors` lists in Chinese the values that could not be read; those filters are left out.
    """

    source: int | None = None
    campaign: int | None = None
    workgroup: int | None = None
    organisation: int | None = None
    unit: int | None = None
    owner: int | None = None
    aspect: str = ""
    status: str = ""
    term: str = ""
    overdue: bool = False
    due_within: int | None = None
    q: str = ""
    sort: str = "id"
    cursor: str = ""
    errors: list[str] = field(default_factory=list)

    def query_string(self, **override: Any) -> str:
        """The filter as a query string (for links), without the cursor unless given."""
        values = {
            "source": self.source,
            "campaign": self.campaign,
            "workgroup": self.workgroup,
            "organisation": self.organisation,
            "unit": self.unit,
            "owner": self.owner,
            "aspect": self.aspect,
            "status": self.status,
            "term": self.term,
            "overdue": "1" if self.overdue else "",
            "due_within": self.due_within,
            "q": self.q,
            "sort": "" if self.sort == "id" else self.sort,
        }
        values.update(override)
        qd = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, "", False):
                qd[key] = str(value)
        return qd.urlencode()


def _int(params: QueryDict, name: str, label: str, errors: list[str]) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        errors.append(f"“{label}”应为数字，收到“{raw[:20]}”")
        return None
    if value < 0:
        errors.append(f"“{label}”不能为负数")
        return None
    return value


def parse_filter(params: QueryDict) -> LedgerFilter:
    """Read the filter from a query string; unreadable values are listed in `errors` (in Chinese)."""
    errors: list[str] = []
    f = LedgerFilter(
        source=_int(params, "source", "问题来源", errors),
        campaign=_int(params, "campaign", "专项整改", errors),
        workgroup=_int(params, "workgroup", "推进组", errors),
        organisation=_int(params, "organisation", "组织", errors),
        unit=_int(params, "unit", "责任单位", errors),
        owner=_int(params, "owner", "责任人", errors),
        aspect=params.get("aspect", "").strip()[:300],
        status=params.get("status", "").strip(),
        term=params.get("term", "").strip(),
        overdue=params.get("overdue", "") in {"1", "on", "true"},
        due_within=_int(params, "due_within", "到期天数", errors),
        q=params.get("q", "").strip()[:100],
        sort=params.get("sort", "id").strip() or "id",
        cursor=params.get("after", "").strip(),
        errors=errors,
    )
    if f.status and f.status not in Status.values:
        errors.append("状态无效")
        f.status = ""
    if f.term and f.term not in Term.values:
        errors.append("整改时限类型无效")
        f.term = ""
    if f.sort not in SORTS:
        errors.append("排序方式无效")
        f.sort = "id"
    if f.due_within is not None and f.due_within > 3660:
        errors.append("到期天数过大")
        f.due_within = None
    return f


def walks(text: str) -> bool:
    """Whether a search for `text` should walk the table in page order (see search_plan.py)."""
    query = tsquery(text.strip())
    return bool(query) and search_plan.common(list(dict.fromkeys(tokens(normal(text.strip())))))


def search(qs: QuerySet[Measure], text: str, *, walk: bool = False) -> QuerySet[Measure]:
    """Measures whose text or problem contains every run of `text` (search.runs: punctuation and width
    ignored, in the query and inside the text's phrases), Chinese or not.

    On PostgreSQL the GIN index narrows the rows first, unless `walk` (a common term, see `walks()`):
    then only the substring tests remain, cheap to make on each row walked in page order.
    """
    pieces = runs(text.strip())
    if not pieces:
        return qs
    exact = Q()
    for run in pieces:
        either = Q()
        for variant in variants(run):
            either |= search_plan.contains(variant, walk=walk)
        exact &= either
    query = tsquery(text)
    if connection.vendor == "postgresql" and query and not walk:
        indexed = RawSQL(
            "to_tsvector('simple'::regconfig, ledger_measure.search_text) @@ to_tsquery('simple'::regconfig, %s)",
            [query],
            output_field=BooleanField(),
        )
        return qs.filter(indexed).filter(exact)
    return qs.filter(exact)


def apply(
    qs: QuerySet[Measure], f: LedgerFilter, today: datetime.date, *, walk: bool = False
) -> QuerySet[Measure]:
    """The measures of `qs` that pass the filter (no ordering, no paging).

    `walk`: write the search for a walk in page order (a common term, see `walks()`).
    """
    from zhenggai.orgs.models import Organisation

    if f.source:
        qs = qs.filter(problem__source_id=f.source)
    if f.campaign:
        qs = qs.filter(problem__campaigns=f.campaign)
    if f.workgroup:
        qs = qs.filter(problem__workgroup_links__workgroup_id=f.workgroup)
    if f.organisation:
        org = Organisation.objects.filter(pk=f.organisation).first()
        qs = qs.filter(_subtree_q(org.path)) if org else qs.none()
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.owner:
        qs = qs.filter(owner_id=f.owner)
    if f.aspect:
        qs = qs.filter(problem__aspect=f.aspect)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.term:
        qs = qs.filter(term=f.term)
    if f.overdue:
        qs = qs.filter(overdue_q(today))
    if f.due_within is not None:
        qs = qs.filter(due_within_q(today, f.due_within))
    return search(qs, f.q, walk=walk)


def _subtree_q(path: str) -> Q:
    """Measures of the organisation at `path` and below: by their ids when they are at most SUBTREE_IDS
    (each row is then kept or not by its own column, where the path is one index probe a row read),
    else by the path."""
    from zhenggai.orgs.models import Organisation

    ids = list(
        Organisation.objects.filter(path__startswith=path).values_list("pk", flat=True)[: SUBTREE_IDS + 1]
    )
    if len(ids) > SUBTREE_IDS:
        return Q(organisation__path__startswith=path)
    return Q(organisation_id__in=ids)


def overdue_q(today: datetime.date) -> Q:
    """Measures overdue on `today`: not started or in progress, with a deadline before today."""
    return Q(status__in=OPEN_STATUSES, deadline__lt=today)


def due_within_q(today: datetime.date, days: int) -> Q:
    """Measures due soon: not started or in progress, with a deadline from `today` to `days` days later."""
    return Q(
        status__in=OPEN_STATUSES, deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days)
    )


def _encode(value: Any, pk: int) -> str:
    if value is None:
        return f"~{pk}"
    return f"{value.isoformat() if hasattr(value, 'isoformat') else value}~{pk}"


def _decode(field_name: str, cursor: str) -> tuple[Any, int]:
    try:
        raw, pk_text = cursor.rsplit("~", 1)
        pk = int(pk_text)
        if field_name == "id" or raw == "":
            return (pk if field_name == "id" else None), pk
        if field_name == "deadline":
            return datetime.date.fromisoformat(raw), pk
        return datetime.datetime.fromisoformat(raw), pk
    except ValueError:
        raise Refusal("翻页参数无效，请从第一页重新开始") from None


def _after(field_name: str, desc: bool, value: Any, pk: int) -> Q:
    """Rows after (value, pk) in the order field ASC NULLS LAST or field DESC NULLS FIRST, then id."""
    if field_name == "id":
        return Q(id__lt=pk) if desc else Q(id__gt=pk)
    isnull = {f"{field_name}__isnull": True}
    if not desc:
        if value is None:
            return Q(**isnull, id__gt=pk)
        return Q(**{f"{field_name}__gt": value}) | Q(**{field_name: value, "id__gt": pk}) | Q(**isnull)
    if value is None:
        return Q(**isnull, id__lt=pk) | Q(**{f"{field_name}__isnull": False})
    return Q(**{f"{field_name}__lt": value}) | Q(**{field_name: value, "id__lt": pk})


def ordered(qs: QuerySet[Measure], sort: str) -> QuerySet[Measure]:
    """`qs` in the order of the sort key `sort` (see SORTS), then by id: the order `page()`'s cursor follows.

    Empty deadlines come last going up and first going down.
    """
    field_name, desc = SORTS[sort]
    if field_name == "id":
        return qs.order_by("-id" if desc else "id")
    key = F(field_name).desc(nulls_first=True) if desc else F(field_name).asc(nulls_last=True)
    return qs.order_by(key, "-id" if desc else "id")


def page(qs: QuerySet[Measure], f: LedgerFilter, size: int) -> tuple[list[Measure], str | None]:
    """One page of rows after the cursor, and the cursor of the next page (None on the last)."""
    field_name, desc = SORTS[f.sort]
    if f.cursor:
        value, pk = _decode(field_name, f.cursor)
        qs = qs.filter(_after(field_name, desc, value, pk))
    rows = list(ordered(qs, f.sort)[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    last = rows[-1]
    return rows, _encode(getattr(last, field_name), last.pk)


def capped_count(qs: QuerySet[Measure], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, counting at most `cap` (True when there are more)."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap
