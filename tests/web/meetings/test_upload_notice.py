"""The office pastes or uploads the notice; the engine reads its aspects for confirmation."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.meetings.base import MeetingTestCase, corpus_text
from zhenggai.meetings import services

SEED_ASPECTS = [
    "带头深刻感悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "带头牢记我们党是什么、要干什么这个根本问题，履职尽责、担当作为",
    "带头践行以人民为中心的发展思想，为群众办实事解难题",
    "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验，敢于斗争、善于斗争",
    "带头深刻汲取党史中正反两方面经验，履行全面从严治党责任",
]


def docx_upload(text: str, name: str = "通知.docx") -> SimpleUploadedFile:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


class UploadNoticeTestCase(MeetingTestCase):
    def aspect_texts(self):
        return list(self.meeting.aspects.values_list("text", flat=True))

    def test_it_reads_the_aspects_of_a_pasted_notice(self):
        self.login(self.office)
        r = self.client.post(self.url("notice"), {"text": corpus_text("s19.txt")})
        self.assertRedirects(r, self.url("aspects"))
        self.assertEqual(
            self.aspect_texts(),
            [
                "学习党史、坚定信仰信念方面",
                "增强“四个意识”、做到“两个维护”方面",
                "践行宗旨、为群众办实事方面",
                "发挥先锋模范作用、担当作为方面",
            ],
        )
        meeting = self.fresh()
        self.assertFalse(meeting.aspects_confirmed)
        self.assertIn("四个意识", meeting.notice_text)

    def test_it_reads_the_seed_notice(self):
        self.assertEqual(self.aspect_texts(), SEED_ASPECTS)

    def test_it_reads_the_extra_notices(self):
        services.set_notice(self.office, self.meeting, text=corpus_text("extra/x11.txt"))
        self.assertEqual(len(self.aspect_texts()), 6)
        self.assertEqual(self.aspect_texts()[3], "带头推动高质量发展方面")
        services.set_notice(self.office, self.meeting, text=corpus_text("extra/x12.txt"))
        self.assertEqual(
            self.aspect_texts(),
            [
                "在学习党的创新理论、坚定理想信念方面",
                "在增强纪律意识、严守纪律规矩方面",
                "在践行宗旨、服务患者方面",
                "在发挥党员先锋模范作用方面",
            ],
        )

    def test_it_reads_an_uploaded_docx(self):
        self.login(self.office)
        r = self.client.post(self.url("notice"), {"file": docx_upload(corpus_text("extra/x12.txt"))})
        self.assertRedirects(r, self.url("aspects"))
        self.assertEqual(len(self.aspect_texts()), 4)
        meeting = self.fresh()
        self.assertEqual(meeting.notice_name, "通知.docx")
        self.assertTrue(bytes(meeting.notice_data).startswith(b"PK"))

    def test_it_reads_an_uploaded_gbk_txt(self):
        self.login(self.office)
        data = corpus_text("s19.txt").encode("gb18030")
        self.client.post(self.url("notice"), {"file": SimpleUploadedFile("通知.txt", data)})
        self.assertEqual(len(self.aspect_texts()), 4)

    def test_it_refuses_a_damaged_doc_with_advice(self):
        self.login(self.office)
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
        self.assertRefused(
            lambda: self.client.post(self.url("notice"), {"file": SimpleUploadedFile("通知.doc", data)}),
            400,
            "“通知.doc”不是有效的 Word/WPS 文件（文件已损坏、已加密或不是文字文档），"
            "请在 Word 或 WPS 中打开后另存为 .docx 再上传。",
        )

    def test_it_refuses_a_too_large_file(self):
        self.login(self.office)
        data = b"a" * (services.NOTICE_MAX_BYTES + 1)
        self.assertRefused(
            lambda: self.client.post(self.url("notice"), {"file": SimpleUploadedFile("通知.txt", data)}),
            400,
            "通知文件过大（上限 5 MB），请只上传通知正文。",
        )

    def test_it_asks_for_text_or_file(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url("notice"), {"text": "  "}),
            400,
            "请粘贴通知全文，或上传 .docx / .txt 文件",
        )

    def test_a_notice_without_aspects_asks_to_add_them(self):
        self.login(self.office)
        r = self.client.post(
            self.url("notice"), {"text": "关于召开会议的通知\n" + "请各单位认真准备。" * 40}, follow=True
        )
        self.assertContains(r, "未能从通知中读出查摆方面")
        self.assertEqual(self.aspect_texts(), [])

    def test_members_and_reviewers_may_not_upload(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.client.post(self.url("notice"), {"text": corpus_text("s19.txt")}),
                403,
                "只有本组织的书记或办公室可以上传通知",
            )

    def test_the_team_downloads_the_uploaded_file(self):
        self.login(self.office)
        self.client.post(self.url("notice"), {"file": docx_upload(corpus_text("extra/x12.txt"))})
        self.login(self.member)
        r = self.client.get(self.url("notice_file"))
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.content.startswith(b"PK"))
        self.assertIn("attachment", r["Content-Disposition"])
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.get(self.url("notice_file")), 404, "没有找到该会议，或您无权查看"
        )

    def test_a_pasted_notice_has_no_file(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.get(self.url("notice_file")), 404, "该会议的通知是粘贴的文字，没有原文件"
        )
