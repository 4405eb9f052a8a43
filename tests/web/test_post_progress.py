"""Posting progress (整改进展) on a measure, with evidence and an optional status change."""

import datetime
from pathlib import Path

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Progress, Status


class PostProgressTestCase(BaseTestCase):
    def url(self, measure=None):
        return reverse("ledger:measure_progress", args=[(measure or self.measure).pk])

    def post(self, **data):
        payload = {"date": self.today.isoformat(), "text": "已召开专题会议", "status": ""}
        payload.update(data)
        return self.client.post(self.url(), payload)

    def test_it_posts_progress_as_the_owner(self):
        self.login(self.member)
        r = self.client.post(
            self.url(),
            {
                "date": self.today.isoformat(),
                "text": "已召开专题会议",
                "status": "in_progress",
                "files": [upload()],
            },
        )
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        progress = Progress.objects.get()
        self.assertEqual(progress.author, self.member)
        self.assertEqual(progress.status_after, Status.IN_PROGRESS)
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.IN_PROGRESS)
        item = Evidence.objects.get()
        self.assertEqual(item.name, "整改说明.pdf")
        self.assertTrue(Path(self.evidence_dir, item.stored_name[:2], item.stored_name).exists())

    def test_it_audits_progress_evidence_and_status(self):
        self.login(self.member)
        self.client.post(
            self.url(),
            {"date": self.today.isoformat(), "text": "推进中", "status": "in_progress", "files": [upload()]},
        )
        summaries = list(
            AuditEntry.objects.filter(measure_id=self.measure.pk).values_list("summary", flat=True)
        )
        self.assertIn("填报整改进展", summaries)
        self.assertIn("上传佐证材料", summaries)
        self.assertIn("状态变更", summaries)
        change = AuditEntry.objects.get(summary="状态变更")
        self.assertEqual(change.actor, self.member)
        self.assertEqual(change.before["status"], "not_started")
        self.assertEqual(change.after["status"], "in_progress")

    def test_it_lets_the_office_post(self):
        self.login(self.office)
        r = self.post()
        self.assertEqual(r.status_code, 302)

    def test_it_refuses_a_colleague(self):
        self.login(self.colleague)
        r = self.post()
        self.assertEqual(r.status_code, 404)  # he cannot even see another member's measure
        self.assertFalse(Progress.objects.exists())

    def test_it_refuses_the_reviewer(self):
        self.login(self.reviewer)
        r = self.post()
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "本人负责", status_code=403)
        self.assertFalse(Progress.objects.exists())

    def test_it_hides_the_measure_from_the_outsider(self):
        self.login(self.outsider)
        self.assertEqual(self.post().status_code, 404)
        self.assertFalse(Progress.objects.exists())

    def test_it_requires_login(self):
        r = self.post()
        self.assertEqual(r.status_code, 302)
        self.assertIn(reverse("login"), r["Location"])

    def test_it_refuses_empty_text(self):
        self.login(self.member)
        r = self.post(text="   ")
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Progress.objects.exists())

    def test_it_refuses_a_future_date(self):
        self.login(self.member)
        r = self.post(date=(self.today + datetime.timedelta(days=2)).isoformat())
        self.assertContains(r, "进展日期不能晚于今天", status_code=400)

    def test_it_refuses_a_bad_file_type_and_writes_nothing(self):
        self.login(self.member)
        r = self.client.post(
            self.url(),
            {"date": self.today.isoformat(), "text": "附件", "files": [upload("病毒.exe", b"MZ")]},
        )
        self.assertContains(r, "类型不允许上传", status_code=400)
        self.assertFalse(Progress.objects.exists())
        self.assertFalse(Evidence.objects.exists())
        self.assertEqual(list(Path(self.evidence_dir).rglob("*.*")), [])

    def test_it_refuses_a_file_too_big(self):
        self.login(self.member)
        with self.settings(EVIDENCE_MAX_BYTES=10):
            r = self.client.post(
                self.url(),
                {"date": self.today.isoformat(), "text": "附件", "files": [upload(content=b"x" * 11)]},
            )
        self.assertContains(r, "超过大小上限", status_code=400)
        self.assertFalse(Progress.objects.exists())

    def test_it_rolls_back_files_when_a_status_rule_refuses(self):
        self.login(self.member)
        # 已完成 without a completion note: the file of this very post must not stay behind.
        r = self.client.post(
            self.url(),
            {"date": self.today.isoformat(), "text": "完成", "status": "done", "files": [upload()]},
        )
        self.assertContains(r, "完成情况说明", status_code=400)
        self.assertFalse(Progress.objects.exists())
        self.assertFalse(Evidence.objects.exists())
        self.assertEqual(list(Path(self.evidence_dir).rglob("*.*")), [])

    def test_it_never_trusts_the_uploaded_name(self):
        self.login(self.member)
        self.client.post(
            self.url(),
            {"date": self.today.isoformat(), "text": "附件", "files": [upload("../../etc/passwd.pdf")]},
        )
        item = Evidence.objects.get()
        self.assertEqual(item.name, "passwd.pdf")
        self.assertRegex(item.stored_name, r"^[0-9a-f]{32}\.pdf$")
