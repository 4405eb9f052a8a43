"""Background jobs: the import's confirmation runs as a task on the database queue, its page shows a
progress bar and then the result; only its owner sees it; a refusal and a failure end it in Chinese."""

from __future__ import annotations

import json
from unittest import mock

from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.web.base import BaseTestCase
from tests.web.jobs import run_worker
from tests.web.test_import_page import URL, xlsx_upload
from zhenggai.jobs import progress
from zhenggai.jobs.models import Job
from zhenggai.ledger.models import Measure


class ImportJobTestCase(BaseTestCase):
    def confirm(self):
        self.login(self.secretary)
        token = self.client.post(URL, {"organisation": self.team.pk, "file": xlsx_upload()}).context["token"]
        r = self.client.post(URL, {"organisation": self.team.pk, "token": token})
        job = Job.objects.get()
        self.assertRedirects(r, f"/jobs/{job.pk}/", fetch_redirect_response=False)
        return job

    def status(self, job):
        r = self.client.get(reverse("jobs:status", args=[job.pk]))
        self.assertEqual(r.status_code, 200)
        return json.loads(r.content)

    def test_the_import_is_stored_by_the_worker_and_the_page_follows_it(self):
        job = self.confirm()
        # Queued: nothing stored yet, the page says it waits, the bar has no value yet.
        self.assertFalse(Measure.objects.filter(text="措施甲").exists())
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "导入整改台账")
        self.assertContains(page, "等待后台任务进程处理")
        self.assertContains(page, f'data-status="/jobs/{job.pk}/status/"')
        self.assertContains(page, '<progress id="job-bar" max="100">')
        self.assertEqual(self.status(job)["state"], "queued")
        self.assertEqual(DBTaskResult.objects.get().status, "READY")

        self.assertEqual(run_worker(), 1)

        self.assertTrue(Measure.objects.get(text="措施甲").done_without_evidence)
        self.assertEqual(list((self.data_dir / "imports").iterdir()), [])
        status = self.status(job)
        self.assertEqual(
            {k: status[k] for k in ("state", "state_label", "finished", "done", "total", "percent")},
            {
                "state": "done",
                "state_label": "已完成",
                "finished": True,
                "done": 3,
                "total": 3,
                "percent": 100,
            },
        )
        self.assertIn("已导入“", status["message"])
        self.assertEqual((status["url"], status["url_label"]), ("/?sort=-updated", "查看台账"))
        self.assertIn("第3行“佐证材料”列：标为已完成，但没有佐证材料", status["details"][0])
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, 'value="100"')
        self.assertContains(page, "已导入“")
        self.assertEqual(DBTaskResult.objects.get().status, "SUCCESSFUL")

    def test_a_file_gone_before_the_worker_came_ends_the_job_in_chinese(self):
        job = self.confirm()
        for path in (self.data_dir / "imports").iterdir():
            path.unlink()
        with self.changes() as found:
            run_worker()
        status = self.status(job)
        self.assertEqual((status["state"], status["state_label"]), ("failed", "未完成"))
        self.assertEqual(status["message"], "导入已过期或已完成，请重新上传文件")
        # Only the job and its task record changed: nothing in the ledger.
        self.assertEqual(
            sorted(line.split(":")[0] for line in found), ["django_tasks_database_dbtaskresult", "jobs_job"]
        )
        page = self.client.get(job.get_absolute_url())
        self.assertContains(
            page,
            '<p id="job-message" class="error" role="alert">导入已过期或已完成，请重新上传文件</p>',
            html=True,
        )

    def test_a_broken_job_says_so_and_the_queue_keeps_the_traceback(self):
        job = self.confirm()
        with mock.patch("zhenggai.ledger.tasks.import_sheet", side_effect=RuntimeError("disk full")):
            run_worker()
        status = self.status(job)
        self.assertEqual(status["state"], "failed")
        self.assertEqual(
            status["message"], "后台任务出错，没有完成。请稍后重试；如果一直出现，请联系系统管理员。"
        )
        self.assertNotIn("disk full", json.dumps(status, ensure_ascii=False))
        result = DBTaskResult.objects.get()
        self.assertEqual(result.status, "FAILED")
        self.assertIn("disk full", result.traceback)

    def test_nobody_else_sees_the_job(self):
        job = self.confirm()
        self.login(self.office)
        for name in ("jobs:job", "jobs:status"):
            self.assertRefused(
                lambda name=name: self.client.get(reverse(name, args=[job.pk])), 404, "没有找到该后台任务"
            )


class ProgressTestCase(BaseTestCase):
    def test_it_writes_only_when_the_percent_or_the_step_changes(self):
        job = Job.objects.create(user=self.secretary, title="测试")
        reporter = progress.Progress(job.pk)
        self.assertEqual(progress.read(job.pk), progress.Snapshot())
        for done in range(1001):
            reporter.report(done, 1000, "写入")
        reporter.report(1000, 1000, "完成")
        self.assertEqual(reporter.writes, 102)  # 0 %, each whole percent up to 100 %, then the new step
        snapshot = progress.read(job.pk)
        self.assertEqual(
            (snapshot.done, snapshot.total, snapshot.step, snapshot.percent), (1000, 1000, "完成", 100)
        )
