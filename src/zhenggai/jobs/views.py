"""A job's page with its progress bar, and the status the page's script polls (progress.js)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from zhenggai.core.views import first_or_404
from zhenggai.jobs.models import Job, JobState
from zhenggai.jobs.progress import read
from zhenggai.orgs.http import AuthenticatedRequest


def _job_or_404(request: AuthenticatedRequest, pk: str) -> Job:
    return first_or_404(Job.objects.filter(user=request.user), pk, "没有找到该后台任务")


def status(job: Job) -> dict[str, Any]:
    """The job as the page's script reads it: state, progress, and once finished its result."""
    snapshot = read(job.pk)
    percent = 100 if job.state == JobState.DONE else snapshot.percent
    return {
        "state": job.state,
        "state_label": job.get_state_display(),
        "finished": job.finished,
        "done": snapshot.done,
        "total": snapshot.total,
        "percent": percent,
        "step": "" if job.finished else snapshot.step,
        "message": job.message,
        "details": job.details,
        "url": job.url,
        "url_label": job.url_label,
        "follow": job.follow and job.state == JobState.DONE,
    }


@login_required
@require_GET
def job_page(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    """The page of one of the user's jobs: the bar, the step, then the result (or, for a job that says
    so, its result page itself); 404 for anyone else's."""
    job = _job_or_404(request, pk)
    if job.follow and job.state == JobState.DONE and job.url:
        return redirect(job.url)
    return render(request, "jobs/job.html", {"job": job, "status": status(job)})


@login_required
@require_GET
def job_status(request: AuthenticatedRequest, pk: str) -> JsonResponse:
    """The job's status as JSON (status()); 404 for anyone else's job."""
    job = _job_or_404(request, pk)
    return JsonResponse(status(job), json_dumps_params={"ensure_ascii": False})
