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
        payload = {
            "date": self.today.isoformat(),
            "text": "已召开专题会议",
            "status": "",
            "version": self.version(self.measure),
        }
        payload.update(data)
        return self.client.post(self.url(), payload)

    def test_it_posts_progress_as_the_owner(self):
        self.login(self.member)
        r = self.post(status="in_progress", files=[upload()])
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
        self.post(text="推进中", status="in_progress", files=[upload()])
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
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        progress = Progress.objects.get()
        self.assertEqual(
            (progress.measure, progress.author, progress.text), (self.measure, self.office, "已召开专题会议")
        )
        self.assertEqual(progress.date, self.today)
        entry = AuditEntry.objects.get(summary="填报整改进展")
        self.assertEqual((entry.actor, entry.object_id), (self.office, progress.pk))
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.NOT_STARTED)  # no status chosen, none changed

    def test_it_refuses_a_colleague(self):
        self.login(self.colleague)
        # He cannot even see another member's measure.
        self.assertRefused(self.post, 404, "没有找到该整改措施，或您无权查看")

    def test_it_refuses_the_reviewer(self):
        self.login(self.reviewer)
        self.assertRefused(self.post, 403, "您只能填报本人负责的整改措施的进展")

    def test_it_hides_the_measure_from_the_outsider(self):
        self.login(self.outsider)
        self.assertRefused(self.post, 404, "没有找到该整改措施，或您无权查看")

    def test_it_requires_login(self):
        with self.assertNothingChanged():
            r = self.post()
        self.assertRedirects(r, f"{reverse('login')}?next={self.url()}")

    def test_it_refuses_empty_text(self):
        self.login(self.member)
        self.assertRefused(lambda: self.post(text="   "), 400, "进展情况：该字段是必填项。")

    def test_it_refuses_a_future_date(self):
        self.login(self.member)
        later = (self.today + datetime.timedelta(days=2)).isoformat()
        self.assertRefused(lambda: self.post(date=later), 400, "进展日期不能晚于今天")

    def test_it_refuses_a_bad_file_type_and_writes_nothing(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.post(text="附件", files=[upload("病毒.exe", b"MZ")]),
            400,
            "文件“病毒.exe”的类型不允许上传，允许的类型：pdf、jpg、jpeg、png、docx、xlsx、txt、doc、xls、wps、ofd、zip",
        )

    def test_it_refuses_a_file_too_big(self):
        self.login(self.member)
        megabyte = 1024 * 1024
        with self.settings(EVIDENCE_MAX_BYTES=megabyte):
            self.assertRefused(
                lambda: self.post(text="附件", files=[upload(content=b"x" * (megabyte + 1))]),
                400,
                "文件“整改说明.pdf”超过大小上限 1 MB",
            )

    def test_it_rolls_back_files_when_a_status_rule_refuses(self):
        self.login(self.member)
        # 已完成 without a completion note: the file of this very post must not stay behind.
        self.assertRefused(
            lambda: self.post(text="完成", status="done", files=[upload()]),
            400,
            "标记为已完成必须填写完成情况说明",
        )

    def test_it_never_trusts_the_uploaded_name(self):
        self.login(self.member)
        self.post(text="附件", files=[upload("../../etc/passwd.pdf")])
        item = Evidence.objects.get()
        self.assertEqual(item.name, "passwd.pdf")
        self.assertRegex(item.stored_name, r"^[0-9a-f]{32}\.pdf$")
