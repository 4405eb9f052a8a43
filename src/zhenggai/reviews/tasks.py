"""The reviews' background work: indexing a stored version for 查重, and storing an uploaded set of
reference texts (templates) with a progress bar (zhenggai.jobs)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from zhenggai.core.errors import Refusal
from zhenggai.jobs.runner import running
from zhenggai.orgs.models import Organisation
from zhenggai.reviews import references
from zhenggai.reviews.analysis import check_copied
from zhenggai.reviews.models import ReportVersion
from zhenggai.reviews.similar_index import index_version as index

EXPIRED = "上传已过期，请重新上传参考范文"


@task()
def index_version(version_id: int) -> None:
    """Put a stored version into the 查重 index, then find and keep its 查重 findings (ZG801, ZG802)
    and store its counts with them (nothing when it was deleted meanwhile)."""
    version = ReportVersion.objects.select_related("report__meeting").filter(pk=version_id).first()
    if version is not None:
        index(version)
        check_copied(version)


def pending_dir(token: str) -> Path:
    """Where an upload of reference texts waits for its task (in the data folder); Refusal for a bad token."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise Refusal(EXPIRED)
    return Path(settings.DATA_DIR) / "references" / token


@task()
def import_references(job_id: str, token: str, names: list[str], organisation_id: int) -> None:
    """Read the uploaded files `names` kept under `token`, store and index their texts for the
    organisation (all or nothing), with the bar moving per file; the files are removed whatever happens."""
    with running(job_id) as run:
        folder = pending_dir(token)
        try:
            files = []
            for number, name in enumerate(names):
                try:
                    files.append((name, (folder / f"{number}.bin").read_bytes()))
                except FileNotFoundError:
                    raise Refusal(EXPIRED) from None
            total = 2 * len(files)
            unpacked = references.unpack(
                files, lambda done, _: run.progress.report(done, total, f"读取文件（{done}/{len(files)}）")
            )
            count = len(unpacked.texts)
            organisation = Organisation.objects.get(pk=organisation_id)
            stored, duplicates = references.store(
                run.job.user,
                organisation,
                unpacked.texts,
                lambda done, _: run.progress.report(
                    len(files) + len(files) * done // max(count, 1),
                    total,
                    f"写入并建立索引（{done}/{count}）",
                ),
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        message = f"已导入参考范文 {stored} 份"
        if duplicates:
            message += f"，{duplicates} 份与已有范文相同未重复导入"
        if unpacked.skipped:
            message += f"，{len(unpacked.skipped)} 个文件已跳过"
        run.finish(
            message + "。",
            details=unpacked.skipped,
            url=reverse("reviews:references"),
            url_label="查看参考范文",
        )
