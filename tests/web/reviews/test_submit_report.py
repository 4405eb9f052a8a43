"""The author submits his report (and resubmits it after a return); other moves are refused."""

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState


class SubmitReportTestCase(ReviewTestCase):
    def post(self, report):
        return self.client.post(self.url("submit", report))

    def test_it_submits_a_draft(self):
        report = self.report_of(self.member)
        self.login(self.member)
        self.assertRedirects(self.post(report), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)
        self.assertIsNotNone(report.submitted_at)

    def test_it_resubmits_after_a_return(self):
        report = self.report_of(self.member, state=ReportState.RETURNED)
        self.login(self.member)
        self.post(report)
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.SUBMITTED)

    def test_an_empty_report_cannot_be_submitted(self):
        report = services.report_for(self.member, self.meeting)
        self.login(self.member)
        self.assertContains(self.post(report), "请先上传或撰写材料", status_code=400)

    def test_submitting_twice_or_after_approval_is_refused(self):
        for state, label in (
            (ReportState.SUBMITTED, "材料已提交，不能提交"),
            (ReportState.APPROVED, "材料已通过，不能提交"),
        ):
            with self.subTest(state=state):
                report = self.report_of(self.member, state=state)
                self.login(self.member)
                self.assertContains(self.post(report), label, status_code=400)
                report.delete()

    def test_only_the_author_submits(self):
        report = self.report_of(self.member, state=ReportState.RETURNED)
        self.login(self.office)
        self.assertEqual(self.post(report).status_code, 403)
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.RETURNED)

    def test_someone_not_taking_part_has_no_report(self):
        self.login(self.reviewer)
        from django.urls import reverse

        r = self.client.get(reverse("reviews:mine", args=[self.meeting.pk]))
        self.assertContains(r, "您不是该会议的参会人员", status_code=403)
