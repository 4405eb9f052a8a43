"""The office approves a submitted report; a draft or a returned report cannot be approved."""

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews.models import ReportState


class ApproveReportTestCase(ReviewTestCase):
    def post(self, report):
        return self.client.post(self.url("approve", report))

    def test_it_approves_a_submitted_report(self):
        report = self.report_of(self.member, state=ReportState.SUBMITTED)
        self.login(self.secretary)
        self.assertRedirects(self.post(report), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.APPROVED)
        self.assertEqual(report.decided_by, self.secretary)

    def test_a_returned_report_cannot_be_approved(self):
        report = self.report_of(self.member, state=ReportState.RETURNED)
        self.login(self.office)
        self.assertRefused(lambda: self.post(report), 400, "材料已退回，不能通过")

    def test_a_draft_cannot_be_approved_and_stays_hidden(self):
        report = self.report_of(self.member)
        self.login(self.office)
        self.assertRefused(lambda: self.post(report), 404, "没有找到该材料，或您无权查看")

    def test_the_reviewer_cannot_approve(self):
        report = self.report_of(self.member, state=ReportState.SUBMITTED)
        self.login(self.reviewer)
        self.assertRefused(lambda: self.post(report), 403, "只有书记或办公室可以审核通过材料")

    def test_an_approved_report_is_final(self):
        report = self.report_of(self.member, state=ReportState.APPROVED)
        self.login(self.office)
        self.assertRefused(lambda: self.post(report), 400, "材料已通过，不能通过")
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(self.url("write", report), {"text": "新内容"}),
            400,
            "材料已通过，不能再修改",
        )

    def test_the_secretary_cannot_approve_his_own_report(self):
        report = self.report_of(self.secretary, state=ReportState.SUBMITTED)
        self.login(self.secretary)
        self.assertRefused(
            lambda: self.post(report), 403, "不能审核通过本人的材料，请由其他书记或办公室人员审核"
        )
        self.login(self.office)
        self.assertRedirects(self.post(report), self.url("report", report))
        report.refresh_from_db()
        self.assertEqual(report.state, ReportState.APPROVED)
