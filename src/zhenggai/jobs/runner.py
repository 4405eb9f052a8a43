"""Starting a job from a view and running it in a task: the job's state, progress and result.

    job = start(user, "导入整改台账", tasks.import_ledger, token, …, back=request.path)
    return redirect(job)

    @task()
    def import_ledger(job_id: str, token: str, …) -> None:
        with running(job_id) as run:
            run.progress.report(0, 3, "读取文件")
            …
            run.finish("已导入…", url=…, url_label="查看台账")

A Refusal raised inside `running` ends the job as 未完成 with its Chinese message (the task itself
succeeds: the refusal is its answer); any other exception ends it with a general message and goes
on to the task framework, which records the traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from zhenggai.core.errors import Refusal
from zhenggai.jobs.models import Job, JobState
from zhenggai.jobs.progress import Progress

#: What a job that broke says; the operator reads the traceback in the task's record.
BROKEN = "后台任务出错，没有完成。请稍后重试；如果一直出现，请联系系统管理员。"


def start(user: Any, title: str, task: Any, *args: Any, back: str = "") -> Job:
    """Record a job for `user` and enqueue `task(job_id, *args)` on the task backend; return the job."""
    job = Job.objects.create(user=user, title=title, back=back)
    task.enqueue(str(job.pk), *args)
    return job


@dataclass
class Running:
    """A job while its task runs: report progress through `progress`, end with finish()."""

    job: Job
    progress: Progress
    message: str = ""
    details: list[str] = field(default_factory=list)
    url: str = ""
    url_label: str = ""
    follow: bool = False

    def finish(
        self,
        message: str,
        *,
        details: list[str] | None = None,
        url: str = "",
        url_label: str = "",
        follow: bool = False,
    ) -> None:
        """What the job ended with: a sentence, lines under it, and a link to what it made (opened at once
        when `follow`: the page is the job's result, e.g. an import's check)."""
        self.message, self.details, self.url, self.url_label = message, details or [], url, url_label
        self.follow = follow and bool(url)


def _end(run: Running, state: str) -> None:
    Job.objects.filter(pk=run.job.pk).update(
        state=state,
        message=run.message,
        details=run.details,
        url=run.url,
        url_label=run.url_label,
        follow=run.follow,
        finished_at=timezone.now(),
    )


@contextmanager
def running(job_id: str) -> Iterator[Running]:
    """Mark the job running for the duration of the block, then done, 未完成 (Refusal) or broken."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    run = Running(job, Progress(job.pk))
    try:
        yield run
    except Refusal as exc:
        run.finish(exc.message, details=run.details)
        _end(run, JobState.FAILED)
        return
    except BaseException:
        run.finish(BROKEN)
        _end(run, JobState.FAILED)
        raise
    _end(run, JobState.DONE)
