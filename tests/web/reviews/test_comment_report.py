"""The reviewer comments on paragraphs of a submitted report but cannot change it."""

from tests.web.reviews.base import ReviewTestCase, seed_upload
from zhenggai.reviews.models import Comment, ReportState


class CommentReportTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member, state=ReportState.SUBMITTED)
        self.version = self.report.versions.get()

    def post(self, line=3, text="“X方面XX个问题”请填写实际数字"):
        return self.client.post(
            self.url("comment", self.report), {"version": self.version.pk, "line": line, "text": text}
        )

    def test_the_reviewer_comments_on_a_paragraph(self):
        self.login(self.reviewer)
        r = self.post()
        self.assertRedirects(r, self.url("report", self.report) + "?v=1#p3", fetch_redirect_response=False)
        comment = Comment.objects.get()
        self.assertEqual((comment.line, comment.author), (3, self.reviewer))
        self.login(self.member)
        page = self.client.get(self.url("report", self.report))
        self.assertContains(page, "赵审核")
        self.assertContains(page, "“X方面XX个问题”请填写实际数字")

    def test_a_line_outside_the_version_is_refused(self):
        self.login(self.reviewer)
        self.assertRefused(lambda: self.post(line=999), 400, "请选择要提意见的段落")

    def test_the_reviewer_cannot_edit_submit_return_or_approve(self):
        self.login(self.reviewer)
        self.assertRefused(
            lambda: self.client.post(self.url("upload", self.report), {"file": seed_upload()}),
            403,
            "只有撰写人本人可以上传这份材料",
        )
        # Writing answers as uploading does: 403 for whoever sees the report but did not write it.
        self.assertRefused(
            lambda: self.client.get(self.url("write", self.report)), 403, "只有撰写人本人可以修改这份材料"
        )
        self.assertRefused(
            lambda: self.client.post(self.url("write", self.report), {"text": "改写"}),
            403,
            "只有撰写人本人可以修改这份材料",
        )
        self.assertRefused(
            lambda: self.client.post(self.url("approve", self.report)),
            403,
            "只有书记或办公室可以审核通过材料",
        )
        self.assertRefused(
            lambda: self.client.post(self.url("return", self.report), {"reason": "x"}),
            403,
            "只有书记或办公室可以退回材料",
        )
        self.assertRefused(
            lambda: self.client.post(self.url("submit", self.report)), 403, "只有撰写人本人可以提交这份材料"
        )

    def test_the_page_offers_the_reviewer_comments_only(self):
        self.login(self.reviewer)
        page = self.client.get(self.url("report", self.report))
        self.assertContains(page, "添加审核意见")
        self.assertNotContains(page, "审核通过")
        self.assertNotContains(page, 'name="file"')

    def test_the_author_cannot_comment_on_his_own_report(self):
        self.login(self.member)
        self.assertRefused(self.post, 403, "只有审核人、书记或办公室可以对他人的材料提出审核意见")

    def test_the_office_comments_too(self):
        self.login(self.office)
        self.assertRedirects(
            self.post(), self.url("report", self.report) + "?v=1#p3", fetch_redirect_response=False
        )
        comment = Comment.objects.get()
        self.assertEqual((comment.author, comment.line), (self.office, 3))
