"""The reviews' background work: indexing a stored version for 查重, and storing an uploaded set of
reference texts (templates) with a progress bar (zhenggai.jobs)."""

from __future__ import annotations

from django_tasks import task

from zhenggai.reviews.models import ReportVersion
from zhenggai.reviews.similar_index import index_version as index


@task()
def index_version(version_id: int) -> None:
    """Put a stored version into the 查重 index (nothing when it was deleted meanwhile)."""
    version = ReportVersion.objects.select_related("report__meeting").filter(pk=version_id).first()
    if version is not None:
        index(version)
