"""A body larger than the page takes is refused from its Content-Length, with a Chinese 413, before it is
read (here through Django's test client; tests/web/test_background_server.py through the real server)."""

from __future__ import annotations

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.web.limits import MB, limit_for

#: A declared size the body never reaches: were the body read, the request would fail another way.
HUGE = str(300 * MB)


class UploadLimitTestCase(BaseTestCase):
    def test_each_page_takes_its_own_file_limit_and_a_little_more(self):
        measure = reverse("ledger:measure_progress", args=[self.measure.pk])
        self.assertEqual(limit_for(measure), 21 * MB)  # one evidence file (ZHENGGAI_EVIDENCE_MAX_MB)
        self.assertEqual(limit_for(reverse("ledger_io:import")), 51 * MB)
        self.assertEqual(limit_for(reverse("reviews:upload", args=[1])), 11 * MB)
        self.assertEqual(limit_for(reverse("meetings:notice_file", args=[1])), 6 * MB)
        self.assertEqual(limit_for("/no/such/page/"), 21 * MB)

    def test_an_oversize_evidence_upload_is_refused_in_chinese_before_it_is_read(self):
        self.login(self.member)
        url = reverse("ledger:measure_progress", args=[self.measure.pk])
        r = self.assertRefused(
            lambda: self.client.post(url, {"text": "进展"}, CONTENT_LENGTH=HUGE),
            413,
            "本次上传的内容约 300.0 MB，超过本页面的上限 20 MB，没有上传。请压缩文件或分几次上传。",
        )
        self.assertContains(r, "上传的内容过大", status_code=413)

    def test_a_body_within_the_limit_goes_on(self):
        self.login(self.member)
        url = reverse("ledger:measure_progress", args=[self.measure.pk])
        r = self.client.post(url, {"text": "已召开专题会议。", "date": self.today.isoformat()})
        self.assertNotEqual(r.status_code, 413)
