"""Inspection feedback (巡察反馈意见) pasted or uploaded, its numbered problems confirmed into the ledger."""

from functools import partial
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents.test_mapping import FEEDBACK
from tests.web.reviews.base import OFFICE_ONLY, ReviewTestCase
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Problem, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.reviews import into_ledger
from zhenggai.reviews.models import FeedbackImport

INPUTS = Path(__file__).parents[2] / "documents" / "fixtures" / "inputs"


class FeedbackIntoLedgerTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.inspection = create_source(
            self.secretary,
            kind=SourceKind.INSPECTION,
            organisation=self.team,
            inspecting_body="市委第二巡察组",
        )
        self.url_ = reverse("reviews:feedback", args=[self.inspection.pk])

    def confirm_data(self, text=FEEDBACK):
        rows = into_ledger.read_feedback(text)
        data = {"confirm": "1", "text": text, "problems": str(len(rows))}
        for i, row in enumerate(rows):
            data.update(
                {f"p{i}-include": "on", f"p{i}-description": row.description, f"p{i}-aspect": row.aspect}
            )
            data[f"p{i}-measures"] = "1"
            data.update({f"p{i}-m0-text": "", f"p{i}-m0-term": "deadline", f"p{i}-m0-deadline": ""})
        return data

    def test_pasted_feedback_is_read_into_proposed_problems(self):
        self.login(self.office)
        with self.assertNothingChanged():
            r = self.client.post(self.url_, {"text": FEEDBACK})
        self.assertContains(r, "农机购置补贴审核把关不严，存在重复申报现象")
        self.assertContains(r, "确认录入整改台账")

    def test_a_claimed_count_that_differs_is_shown_before_confirming(self):
        self.login(self.office)
        claimed = FEEDBACK.replace("反馈如下。", "反馈如下，共反馈问题3个方面9个。")
        self.assertNotEqual(claimed, FEEDBACK)
        with self.assertNothingChanged():
            r = self.client.post(self.url_, {"text": claimed})
        self.assertContains(r, "核对反馈意见本身")
        self.assertContains(r, "反馈意见称“")
        self.assertContains(r, "（3个方面9个问题），但逐条读出3个方面6个问题")

    def test_an_uploaded_file_is_read_the_same_way(self):
        self.login(self.office)
        r = self.client.post(
            self.url_, {"file": SimpleUploadedFile("反馈意见.txt", FEEDBACK.encode("gb18030"))}
        )
        self.assertContains(r, "干部队伍年龄结构老化")

    def test_an_uploaded_pdf_is_read_with_its_categories(self):
        self.login(self.office)
        pdf = (INPUTS / "feedback.pdf").read_bytes()
        with self.assertNothingChanged():
            r = self.client.post(self.url_, {"file": SimpleUploadedFile("反馈意见.pdf", pdf)})
        self.assertContains(r, "基层党建工作基础薄弱")
        self.assertContains(r, "落实全面从严治党战略部署方面")
        self.assertEqual(r.content.decode().count('name="p8-description"'), 1)
        self.assertNotContains(r, 'name="p9-description"')

    def test_a_broken_upload_stores_nothing(self):
        self.login(self.office)
        upload = SimpleUploadedFile("反馈意见.docx", b"PK\x03\x04broken")
        self.assertRefused(
            lambda: self.client.post(self.url_, {"file": upload}),
            400,
            "“反馈意见.docx”不是有效的 .docx 文件，文件已损坏或不完整。请用 Word 或 WPS 打开后另存为 .docx 再上传。",
        )

    def test_text_without_numbered_problems_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url_, {"text": "一段没有编号的话。"}),
            400,
            "没有在反馈意见中读到编号的问题（如“一是…”“（一）…”“1.…”），请检查后重试",
        )

    def test_confirming_stores_the_problems_once(self):
        self.login(self.office)
        r = self.client.post(self.url_, self.confirm_data())
        self.assertRedirects(r, f"/sources/{self.inspection.pk}/", fetch_redirect_response=False)
        problems = Problem.objects.filter(source=self.inspection).order_by("number")
        self.assertEqual(problems.count(), 6)
        self.assertEqual(problems[2].aspect, "落实全面从严治党战略部署方面")
        self.assertEqual(
            AuditEntry.objects.filter(object_type="problem", problem_id__in=problems.values("pk")).count(), 6
        )
        self.assertEqual(FeedbackImport.objects.get().problems, 6)
        self.assertRefused(
            lambda: self.client.post(self.url_, self.confirm_data()),
            400,
            "这份反馈意见已录入该问题来源，不会重复录入",
        )

    def test_a_meeting_source_takes_no_feedback(self):
        self.login(self.office)
        url = reverse("reviews:feedback", args=[self.meeting.source.pk])
        self.assertRefused(
            lambda: self.client.get(url), 404, "反馈意见只能录入巡视、巡察、审计或督查类问题来源"
        )
        self.assertRefused(
            lambda: self.client.post(url, self.confirm_data()),
            404,
            "反馈意见只能录入巡视、巡察、审计或督查类问题来源",
        )

    def test_only_the_office(self):
        data = self.confirm_data()
        for person, message in (
            (self.reviewer, OFFICE_ONLY),  # he reads the source but may not change it
            (self.member, "没有找到该问题来源，或您无权查看"),
            (self.outsider, "没有找到该问题来源，或您无权查看"),
        ):
            self.login(person)
            self.assertRefused(partial(self.client.post, self.url_, data), 404, message)

    def test_a_problem_already_in_the_source_is_flagged_and_unticked(self):
        first = into_ledger.read_feedback(FEEDBACK)[0]
        # The same problem, typed in by hand before, with other punctuation and spacing.
        services.create_problem(
            self.office, source=self.inspection, description=first.description.replace("，", ", ") + " "
        )
        self.login(self.office)
        r = self.client.post(self.url_, {"text": FEEDBACK})
        rows = r.context["rows"]
        self.assertTrue(rows[0].duplicate.startswith("台账中已有相近问题：第1个问题“"))
        self.assertEqual([row.include for row in rows], [False] + [True] * (len(rows) - 1))
        self.assertContains(r, "未勾选，确需再录入请勾选")
        # Confirmed as proposed: the flagged problem stays out, the others go in.
        data = self.confirm_data()
        del data["p0-include"]
        self.client.post(self.url_, data)
        self.assertEqual(Problem.objects.filter(source=self.inspection).count(), len(rows))
        self.assertEqual(
            Problem.objects.filter(source=self.inspection, description=first.description).count(), 0
        )
