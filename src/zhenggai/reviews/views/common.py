"""What the review views share: the owners and units a ledger row may name, version lookup."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from zhenggai.ledger.access import eligible_owners, unit_choices
from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews.models import ReportVersion


def owners_and_units(organisation: Organisation) -> tuple[dict[str, User], dict[str, Organisation]]:
    """The people who may own a measure of the organisation and the units it may name, by id: the ledger's
    own lists (access.eligible_owners, access.unit_choices), so the table offers nobody the services
    would refuse.
    """
    units = {str(o.pk): o for o in unit_choices(organisation)}
    return {str(u.pk): u for u in eligible_owners(organisation)}, units


def version_or_404(versions: QuerySet[ReportVersion], number: str | int | None) -> ReportVersion | None:
    """Version `number` among `versions` (those the user may read, see access.visible_versions), the
    latest when none is asked for, None when there is none; 404 for one he may not read or that does
    not exist, alike.
    """
    versions = versions.order_by("-number")
    if number in (None, ""):
        return versions.first()
    try:
        n = int(number)
    except ValueError:
        raise Http404("没有该版本") from None
    version = versions.filter(number=n).first()
    if version is None:
        raise Http404("没有该版本")
    return version
