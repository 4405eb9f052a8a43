"""What the review views share: the owners and units a ledger row may name, version lookup."""

from __future__ import annotations

from django.http import Http404

from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews.models import Report, ReportVersion


def owners_and_units(organisation: Organisation) -> tuple[dict[str, User], dict[str, Organisation]]:
    """People with a role in the organisation or below, and the organisations below it, by id."""
    units = {str(o.pk): o for o in organisation.subtree()}
    people = (
        User.objects.filter(is_active=True, memberships__organisation__path__startswith=organisation.path)
        .distinct()
        .order_by("display_name", "username")
    )
    return {str(u.pk): u for u in people}, units


def version_or_404(report: Report, number: str | int | None) -> ReportVersion | None:
    """Version `number` of the report, the latest when none is asked for, None when there is none."""
    versions = report.versions.order_by("-number")
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
