"""Who may do what where: roles hold in their organisation and every organisation below it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from zhenggai.core.errors import Forbidden
from zhenggai.orgs.models import MANAGING_ROLES, READING_ROLES, Membership, Organisation, Role, User


def _roles(user: User) -> list[tuple[str, str]]:
    """(organisation path, role) of every membership, cached on the user object for the request."""
    cached = getattr(user, "_zhenggai_roles", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("organisation__path", "role"))
        user._zhenggai_roles = cached  # type: ignore[attr-defined]  # a per-request cache on the object
    return cached


def forget_roles(user: User) -> None:
    """Drop the cached roles (after a role of this user changed)."""
    if hasattr(user, "_zhenggai_roles"):
        del user._zhenggai_roles


def paths_with(user: User, roles: Iterable[str]) -> list[str]:
    """The organisation paths where the user holds one of `roles`, without paths already covered."""
    wanted = set(roles)
    paths = sorted(path for path, role in _roles(user) if role in wanted)
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def _holds(user: User, org: Organisation, roles: Iterable[str]) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(org.path.startswith(p) for p in paths_with(user, roles))


def can_manage(user: User, org: Organisation) -> bool:
    """Secretary or office of this organisation or one above it."""
    return _holds(user, org, MANAGING_ROLES)


def require_manager(user: User, org: Organisation, message: str) -> None:
    """Raise Forbidden(`message`) unless the user is secretary or office of `org` or above it.

    The one manager check of every service; each caller says in its message what was refused.
    """
    if not can_manage(user, org):
        raise Forbidden(message)


def can_read(user: User, org: Organisation) -> bool:
    """Secretary, office or reviewer of this organisation or one above it."""
    return _holds(user, org, READING_ROLES)


def role_signature(user: User) -> str:
    """The user's memberships (organisation path and role each) as one string: what may be cached for
    him is current as long as this is the same."""
    return "|".join(f"{path}={role}" for path, role in sorted(_roles(user)))


def scope_q(user: User, roles: Iterable[str], field: str = "organisation__path") -> Q:
    """A filter for rows whose organisation lies where the user holds one of `roles`; every row for the
    operator (a superuser), as can_manage and can_read have it.

    The operator's filter is a condition that is always true, not the empty Q(): OR-ed with another
    condition (his own measures), Q() vanishes and would leave only that one.
    """
    if user.is_superuser:
        return Q(pk__isnull=False)
    paths = paths_with(user, roles)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def managed_organisations(user: User) -> QuerySet[Organisation]:
    """Every organisation the user may manage."""
    return Organisation.objects.filter(scope_q(user, MANAGING_ROLES, "path"))


def known_organisations(user: User) -> QuerySet[Organisation]:
    """Every organisation the user has any role in, or below one (what his pages may mention)."""
    return Organisation.objects.filter(scope_q(user, Role.values, "path"))


def is_manager_anywhere(user: User) -> bool:
    """True for the operator and for anyone who is secretary or office of at least one organisation.

    It opens the management pages (organisations, audit, import); each then checks the organisation
    acted on with `can_manage`.
    """
    return user.is_superuser or bool(paths_with(user, MANAGING_ROLES))


def is_reader_anywhere(user: User) -> bool:
    """True for the operator and for anyone who is secretary, office or reviewer of an organisation."""
    return user.is_superuser or bool(paths_with(user, READING_ROLES))
