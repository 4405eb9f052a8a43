"""The option lists of the filter boxes, built in Python: a template loop over 1,000 organisations
costs far more than the query behind it."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what django.utils.html.escape does, without its lazy-string wrapper

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from zhenggai.orgs.models import Organisation, User

INDENT = "　"


def options(
    pairs: Iterable[tuple[object, str]], selected: object = None, *, blank: str = "全部"
) -> SafeString:
    """`<option>`s for (value, label) pairs, the one equal to `selected` marked; a blank one first."""
    chosen = "" if selected is None else str(selected)
    parts = [f'<option value="">{escape(blank)}</option>'] if blank else []
    for value, label in pairs:
        text = str(value)
        mark = " selected" if text == chosen else ""
        parts.append(f'<option value="{escape(text)}"{mark}>{escape(label)}</option>')
    return mark_safe("".join(parts))  # every value and label escaped above


def organisation_pairs(organisations: QuerySet[Organisation]) -> list[tuple[int, str]]:
    """(id, indented name) of a queryset of organisations, in its order, without building models."""
    rows = organisations.values_list("pk", "name", "depth")
    return [(pk, INDENT * depth + name) for pk, name, depth in rows]


def user_pairs(users: QuerySet[User]) -> list[tuple[int, str]]:
    """(id, display name or username) of a queryset of users, as str(user) shows them."""
    rows = users.values_list("pk", "display_name", "username")
    return [(pk, display or username) for pk, display, username in rows]
