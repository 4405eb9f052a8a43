"""The office returns a submitted report with a reason or comments; nobody else can, nor at other states."""

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState


class ReturnReportTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member, state=ReportState.SUBMITTED)

    def post(self, reason="请补充上年度整改情况"):
        return self.client.post(self.url("return", self.report), {"reason": reason})

    def test_it_returns_with_a_reason(self):
        self.login(self.office)
        self.assertRedirects(self.post(), self.url("report", self.report))
        self.report.refresh_from_db()
        self.assertEqual(self.report.state, ReportState.RETURNED)
        self.assertEqual(self.report.decided_by, self.office)
        self.login(self.member)
        self.assertContains(
            self.client.get(self.url("report", self.report)), "退回意见：请补充上年度整改情况"
        )

    def test_comments_are_enough_without_a_reason(self):
        version = self.report.versions.get()
        services.add_comment(self.reviewer, self.report, version, 3, "请填写实际数字")
        self.login(self.secretary)
        self.assertRedirects(self.post(reason=""), self.url("report", self.report))
        self.report.refresh_from_db()
        self.assertEqual(self.report.state, ReportState.RETURNED)

    def test_neither_reason_nor_comments_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(reason=""), 400, "退回时请填写退回意见，或先在段落上添加审核意见"
        )

    def test_the_reviewer_and_the_author_cannot_return(self):
        for person, message in (
            (self.reviewer, "只有书记或办公室可以退回材料"),
            (self.member, "不能退回本人的材料，请由其他书记或办公室人员审核"),
        ):
            self.login(person)
            self.assertRefused(self.post, 403, message)

    def test_an_approved_report_cannot_be_returned(self):
        services.approve(self.office, self.report)
        self.login(self.office)
        self.assertRefused(self.post, 400, "材料已通过，不能退回")

    def test_the_returned_report_takes_a_new_version(self):
        self.login(self.office)
        self.post()
        self.report.refresh_from_db()
        services.add_version(
            self.member, self.report, services.read_written("一、存在的问题\n（一）新写的问题。")
        )
        self.assertEqual(self.report.versions.count(), 2)
