"""The author submits his report (and resubmits it after a return); other moves are refused."""

import re
from functools import partial

from django.urls import reverse

from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState

#: The seed report with its placeholders filled in: the checks find no error in it.
CLEAN = re.sub(r"[XＸ×]+", "3", SEED.decode("utf-8"))


class SubmitReportTestCase(ReviewTestCase):
    def post(self, report, **data):
        return self.client.post(self.url("submit", report), {"confirmed": "1", **data})

    def test_it_submits_a_draft(self):
        report = self.report_of(self.member)
        self.login(self.member)
        self.assertRedirects(self.post(report), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)
        self.assertIsNotNone(report.submitted_at)

    def test_a_version_with_errors_asks_once_then_submits(self):
        report = self.report_of(self.member)  # the seed: "XX" left in, among other errors
        errors = report.versions.get().errors
        self.assertGreater(errors, 0)
        self.login(self.member)
        with self.assertNothingChanged():
            asked = self.client.post(self.url("submit", report))
        self.assertEqual(asked.status_code, 200)
        self.assertContains(asked, f"这一版还有 {errors} 处错误")
        self.assertContains(asked, "确定仍要提交审核吗？")
        self.assertContains(asked, 'name="confirmed" value="1"')
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.DRAFT)
        self.assertRedirects(
            self.client.post(self.url("submit", report), {"confirmed": "1"}), self.url("report", report)
        )
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)

    def test_a_version_without_errors_is_submitted_without_asking(self):
        report = self.report_of(self.member, text=CLEAN)
        self.assertEqual(report.versions.get().errors, 0)
        self.login(self.member)
        self.assertRedirects(self.client.post(self.url("submit", report)), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)

    def test_it_resubmits_after_a_return(self):
        report = self.report_of(self.member, state=ReportState.RETURNED)
        self.login(self.member)
        self.assertRedirects(self.post(report), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)

    def test_an_empty_report_cannot_be_submitted(self):
        report = services.report_for(self.member, self.meeting)
        self.login(self.member)
        self.assertRefused(lambda: self.post(report), 400, "请先上传或撰写材料，再提交审核")

    def test_submitting_twice_or_after_approval_is_refused(self):
        for state, message in (
            (ReportState.SUBMITTED, "材料已提交，不能提交"),
            (ReportState.APPROVED, "材料已通过，不能提交"),
        ):
            with self.subTest(state=state):
                report = self.report_of(self.member, state=state)
                self.login(self.member)
                self.assertRefused(partial(self.post, report), 400, message)
                report.delete()

    def test_only_the_author_submits(self):
        report = self.report_of(self.member, state=ReportState.RETURNED)
        self.login(self.office)
        self.assertRefused(lambda: self.post(report), 403, "只有撰写人本人可以提交这份材料")

    def test_someone_not_taking_part_has_no_report(self):
        self.login(self.reviewer)
        self.assertRefused(
            lambda: self.client.get(reverse("reviews:mine", args=[self.meeting.pk])),
            403,
            "您不是该会议的参会人员，无需提交对照检查材料",
        )
