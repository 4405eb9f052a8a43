"""A member uploads his report: a new version, read and checked; anything unreadable leaves nothing."""

import io
from functools import partial

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.reviews.base import SEED, ReviewTestCase, seed_upload
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportVersion


class UploadReportTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = services.report_for(self.member, self.meeting)

    def post(self, file):
        return self.client.post(self.url("upload", self.report), {"file": file})

    def test_it_stores_a_version_with_text_file_and_finding_counts(self):
        self.login(self.member)
        r = self.post(seed_upload())
        self.assertRedirects(r, self.url("report", self.report))
        version = ReportVersion.objects.get(report=self.report)
        self.assertEqual(version.number, 1)
        self.assertEqual(version.file_name, "对照检查材料.txt")
        self.assertEqual(bytes(version.file_data), SEED)
        self.assertTrue(version.text.startswith("按照这次党史学习教育专题民主生活会的通知要求"))
        self.assertGreater(version.errors, 0)
        self.assertContains(self.client.get(self.url("report", self.report)), "第1版")

    def test_each_upload_is_a_new_version(self):
        self.login(self.member)
        self.post(seed_upload())
        self.post(seed_upload(content=SEED.replace("X方面XX个问题".encode(), "5方面18个问题".encode())))
        self.assertEqual(list(self.report.versions.values_list("number", flat=True)), [1, 2])

    def test_it_reads_a_docx(self):
        document = docx.Document()
        for line in SEED.decode().splitlines():
            document.add_paragraph(line)
        data = io.BytesIO()
        document.save(data)
        self.login(self.member)
        self.post(SimpleUploadedFile("材料.docx", data.getvalue()))
        version = self.report.versions.get()
        self.assertIn("二、存在的主要问题", version.text)

    def assert_refused(self, file, message):
        self.login(self.member)
        self.assertRefused(partial(self.post, file), 400, message)

    def test_a_broken_docx_leaves_nothing(self):
        self.assert_refused(
            SimpleUploadedFile("材料.docx", b"PK\x03\x04 not really a zip"),
            "“材料.docx”不是有效的 .docx 文件，文件已损坏或不完整。请用 Word 或 WPS 打开后另存为 .docx 再上传。",
        )

    def test_a_damaged_doc_file_is_refused_in_chinese(self):
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
        self.assert_refused(
            SimpleUploadedFile("材料.doc", ole),
            "“材料.doc”不是有效的 Word/WPS 文件（文件已损坏、已加密或不是文字文档），"
            "请在 Word 或 WPS 中打开后另存为 .docx 再上传。",
        )

    def test_a_file_of_another_kind_is_refused_in_chinese(self):
        self.assert_refused(
            SimpleUploadedFile("材料.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
            "“材料.xls”不是可以读取的文件（.docx、.doc、.wps、.odt、.rtf、.pdf 或 .txt），请另存为 .docx 后再上传。",
        )

    def test_a_picture_is_refused(self):
        self.assert_refused(
            SimpleUploadedFile("材料.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
            "“材料.txt”是图片文件，无法识别文字。请上传 .docx 或 .txt 文件。",
        )

    def test_a_file_over_the_limit_is_refused_before_reading(self):
        big = SimpleUploadedFile("材料.txt", b"a" * (services.REPORT_MAX_BYTES + 1))
        self.assert_refused(big, "文件“材料.txt”过大，上限为 10 MB。")

    def test_an_empty_file_is_refused(self):
        self.assert_refused(
            SimpleUploadedFile("材料.txt", b""), "材料文件（.docx 或 .txt）：提交的是空文件。"
        )

    def test_nobody_else_uploads_into_his_report(self):
        services.add_version(self.member, self.report, services.read_upload("seed.txt", SEED))
        services.submit(self.member, self.report)
        for person in (self.office, self.reviewer):
            self.login(person)
            self.assertRefused(lambda: self.post(seed_upload()), 403, "只有撰写人本人可以上传这份材料")
        self.login(self.colleague)
        self.assertRefused(lambda: self.post(seed_upload()), 404, "没有找到该材料，或您无权查看")

    def test_a_submitted_report_takes_no_new_version(self):
        services.add_version(self.member, self.report, services.read_upload("seed.txt", SEED))
        services.submit(self.member, self.report)
        self.login(self.member)
        self.assertRefused(lambda: self.post(seed_upload()), 400, "材料已提交，不能再修改")
