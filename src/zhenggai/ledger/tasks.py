"""The ledger's background work: storing a checked import, as a task with a progress bar (zhenggai.jobs).

The import page checks the file in the request and keeps it in the data folder (pending_file);
its confirmation starts this task and sends the browser to the job's page.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from zhenggai.core.errors import Refusal
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx
from zhenggai.jobs.runner import running
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


def pending_file(token: str) -> Path:
    """The checked file of `token`; Refusal for a token that cannot be one."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise Refusal(EXPIRED)
    return pending_dir() / f"{token}.xlsx"


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
