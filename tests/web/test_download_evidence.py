"""Downloading and deleting evidence: the permission of the measure, our stored name, safe headers."""

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence


class DownloadEvidenceTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        services.add_evidence(self.member, self.measure, [upload("会议记录.pdf", b"%PDF-1.4 minutes")])
        self.item = Evidence.objects.get()
        self.url = reverse("ledger:evidence", args=[self.item.pk])

    def test_the_owner_downloads(self):
        self.login(self.member)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(b"".join(r.streaming_content), b"%PDF-1.4 minutes")
        self.assertIn("attachment", r["Content-Disposition"])
        self.assertIn("utf-8''", r["Content-Disposition"])
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertEqual(r["X-Content-Type-Options"], "nosniff")

    def test_the_reviewer_downloads(self):
        self.login(self.reviewer)
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_a_colleague_may_not(self):
        self.login(self.colleague)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_outsider_may_not(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_anonymous_may_not(self):
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_it_deletes_and_audits(self):
        self.login(self.member)
        r = self.client.post(reverse("ledger:evidence_delete", args=[self.item.pk]))
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Evidence.objects.exists())
        self.assertTrue(AuditEntry.objects.filter(summary="删除佐证材料").exists())

    def test_the_last_file_of_a_done_measure_stays(self):
        services.change_status(self.member, self.measure, "done", completion_note="完成")
        self.login(self.member)
        r = self.client.post(reverse("ledger:evidence_delete", args=[self.item.pk]))
        self.assertContains(r, "至少要保留一份佐证材料", status_code=400)
        self.assertTrue(Evidence.objects.exists())

    def test_the_reviewer_may_not_delete(self):
        self.login(self.reviewer)
        self.assertEqual(
            self.client.post(reverse("ledger:evidence_delete", args=[self.item.pk])).status_code, 403
        )

    def test_upload_without_files_is_refused(self):
        self.login(self.member)
        r = self.client.post(reverse("ledger:measure_evidence", args=[self.measure.pk]))
        self.assertContains(r, "请选择要上传的文件", status_code=400)
