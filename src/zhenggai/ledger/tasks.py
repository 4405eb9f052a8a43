"""The ledger's background work: checking a large import and storing a checked one, as tasks with a
progress bar (zhenggai.jobs).

The import page keeps the uploaded file in the data folder (pending_file). A small file is checked in
the request; a large one (more rows than IMPORT_CHECK_INLINE_ROWS) by check_import, whose result
(import_preview) the page shows once the job is done. The confirmation starts import_ledger.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from zhenggai.core.errors import Refusal
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx
from zhenggai.jobs.runner import running
from zhenggai.ledger.import_preview import preview_of, save_preview
from zhenggai.ledger.imports import import_sheet
from zhenggai.ledger.models import Campaign, Source
from zhenggai.orgs.models import Organisation

#: The steps the bar counts: read the file, store the rows (one transaction), done.
STEPS = 3
EXPIRED = "导入已过期或已完成，请重新上传文件"


def pending_dir() -> Path:
    """Where checked files wait for their confirmation (in the data folder)."""
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pending_file(token: str, suffix: str = ".xlsx") -> Path:
    """The checked file of `token` (or, with suffix ".json", its check); Refusal for a token that cannot be one."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise Refusal(EXPIRED)
    return pending_dir() / f"{token}{suffix}"


@task()
def check_import(job_id: str, token: str, name: str, target: dict[str, Any]) -> None:
    """Check the kept file `token` for `target` (organisation, source, campaign and people to create, by
    id and name) as the page would, storing nothing; keep the result beside the file and open it when done.
    """
    with running(job_id) as run:
        run.progress.report(0, STEPS, "读取文件")
        try:
            data = pending_file(token).read_bytes()
        except FileNotFoundError:
            raise Refusal(EXPIRED) from None
        try:
            sheet = read_ledger_xlsx(data, name)
        except DocumentError as exc:
            pending_file(token).unlink(missing_ok=True)
            raise Refusal(exc.message) from None
        run.progress.report(1, STEPS, f"检查 {len(sheet.rows)} 条整改措施")
        report = import_sheet(
            run.job.user,
            sheet,
            organisation=Organisation.objects.get(pk=target["organisation"]),
            source=Source.objects.filter(pk=target["source"]).first() if target["source"] else None,
            dry_run=True,
            create_owners=target["create"],
            campaign=Campaign.objects.filter(pk=target["campaign"]).first() if target["campaign"] else None,
        )
        save_preview(pending_file(token, ".json"), preview_of(report), target)
        run.progress.report(STEPS, STEPS, "完成")
        url = reverse("ledger_io:checked", args=[token])
        run.finish(report.summary(), url=url, url_label="查看检查结果", follow=True)


@task()
def import_ledger(
    job_id: str,
    token: str,
    name: str,
    organisation_id: int,
    source_id: int | None,
    create: list[str],
    campaign_id: int | None = None,
) -> None:
    """Store the checked file `token` into the organisation (and source): all or nothing, every row
    audited, by the person who started the job, creating the owners named in `create` (ticked on the
    check page), matching the 推进组 column within the campaign `campaign_id`; the file is removed
    whatever happens.
    """
    with running(job_id) as run:
        path = pending_file(token)
        try:
            run.progress.report(0, STEPS, "读取文件")
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise Refusal(EXPIRED) from None
            sheet = read_ledger_xlsx(data, name)
            run.progress.report(1, STEPS, f"写入台账：{len(sheet.rows)} 条整改措施")
            organisation = Organisation.objects.get(pk=organisation_id)
            source = Source.objects.filter(pk=source_id).first() if source_id else None
            campaign = Campaign.objects.filter(pk=campaign_id).first() if campaign_id else None
            report = import_sheet(
                run.job.user,
                sheet,
                organisation=organisation,
                source=source,
                create_owners=create,
                campaign=campaign,
            )
        except DocumentError as exc:
            raise Refusal(exc.message) from None
        finally:
            path.unlink(missing_ok=True)
            pending_file(token, ".json").unlink(missing_ok=True)
        run.progress.report(STEPS, STEPS, "完成")
        if not report.stored:
            run.details = [str(e) for e in report.sheet.errors]
            raise Refusal(report.summary())
        run.finish(
            report.summary(),
            details=[str(w) for w in report.sheet.warnings],
            url=reverse("ledger:index") + (f"?source={source.pk}" if source else "?sort=-updated"),
            url_label="查看台账",
        )
