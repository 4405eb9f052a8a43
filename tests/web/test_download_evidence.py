"""Downloading and deleting evidence: the permission of the measure, our stored name, safe headers."""

from pathlib import Path

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence

NOT_FOUND = "没有找到该佐证材料，或您无权查看"


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
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(b"".join(r.streaming_content), b"%PDF-1.4 minutes")

    def test_a_colleague_may_not(self):
        self.login(self.colleague)
        self.assertRefused(lambda: self.client.get(self.url), 404, NOT_FOUND)

    def test_the_outsider_may_not(self):
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(self.url), 404, NOT_FOUND)

    def test_ids_cannot_be_probed(self):
        # A file that does not exist and one of a measure he may not see answer alike, to view or delete.
        missing = self.item.pk + 100
        self.login(self.colleague)
        for pk in (self.item.pk, missing):
            with self.subTest(pk=pk):
                url = reverse("ledger:evidence", args=[pk])
                self.assertRefused(lambda url=url: self.client.get(url), 404, NOT_FOUND)
                url = reverse("ledger:evidence_delete", args=[pk])
                self.assertRefused(lambda url=url: self.client.post(url), 404, NOT_FOUND)

    def test_anonymous_may_not(self):
        r = self.client.get(self.url)
        self.assertRedirects(r, f"{reverse('login')}?next={self.url}", fetch_redirect_response=False)

    def test_it_deletes_and_audits(self):
        self.login(self.member)
        stored = Path(self.evidence_dir, self.item.stored_name[:2], self.item.stored_name)
        self.assertTrue(stored.exists())
        with self.captureOnCommitCallbacks(execute=True):  # the file goes once the row is gone for good
            r = self.client.post(reverse("ledger:evidence_delete", args=[self.item.pk]))
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.assertFalse(Evidence.objects.exists())
        self.assertFalse(stored.exists())
        entry = AuditEntry.objects.get(summary="删除佐证材料")
        self.assertEqual((entry.actor, entry.measure_id), (self.member, self.measure.pk))

    def test_the_last_file_of_a_done_measure_stays(self):
        services.change_status(self.member, self.measure, "done", completion_note="完成")
        self.login(self.member)
        url = reverse("ledger:evidence_delete", args=[self.item.pk])
        self.assertRefused(lambda: self.client.post(url), 400, "该措施已完成，至少要保留一份佐证材料")

    def test_the_reviewer_may_not_delete(self):
        self.login(self.reviewer)
        url = reverse("ledger:evidence_delete", args=[self.item.pk])
        self.assertRefused(lambda: self.client.post(url), 403, "您只能删除本人负责的整改措施的佐证材料")

    def test_upload_without_files_is_refused(self):
        self.login(self.member)
        url = reverse("ledger:measure_evidence", args=[self.measure.pk])
        self.assertRefused(lambda: self.client.post(url), 400, "请选择要上传的文件")
