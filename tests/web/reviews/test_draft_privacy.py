"""Nobody but the author sees a draft; after submission the office and reviewers do, other members never."""

from functools import partial

from django.urls import reverse
from django.utils import timezone

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState

NOT_FOUND = "没有找到该材料，或您无权查看"


class DraftPrivacyTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member)

    def get(self, user, name="report", *args):
        self.login(user)
        return self.client.get(self.url(name, self.report, *args))

    def assert_not_found(self, user, name="report", *args):
        self.login(user)
        self.assertRefused(partial(self.client.get, self.url(name, self.report, *args)), 404, NOT_FOUND)

    def test_the_author_sees_his_draft(self):
        self.assertContains(self.get(self.member), "第1版")
        r = self.get(self.member, "download", 1)
        self.assertEqual(r.content, self.report.versions.get().text.encode())

    def test_nobody_else_sees_a_draft(self):
        for person in (self.colleague, self.secretary, self.office, self.reviewer, self.outsider):
            with self.subTest(person=person):
                self.assert_not_found(person)
                self.assert_not_found(person, "download", 1)

    def test_the_board_shows_nothing_of_a_draft(self):
        for person in (self.office, self.reviewer):
            with self.subTest(person=person.username):
                self.login(person)
                r = self.client.get(reverse("reviews:board", args=[self.meeting.pk]))
                row = next(row for row in r.content.decode().split("<tr>") if "张委员" in row)
                # Not its state, its versions, nor when it was last edited: as if nothing were written.
                self.assertIn("未提交", row)
                self.assertNotIn("草稿", row)
                self.assertNotIn(f"{timezone.localtime(self.report.updated_at):%Y-%m-%d}", row)
                self.assertNotIn(self.url("report", self.report), row)

    def test_after_submission_the_office_and_reviewer_see_it(self):
        services.submit(self.member, self.report)
        for person in (self.secretary, self.office, self.reviewer):
            with self.subTest(person=person):
                r = self.get(person)
                self.assertContains(r, "张委员")
                self.assertContains(r, "第1版")

    def test_other_members_never_see_it(self):
        for state in (ReportState.SUBMITTED, ReportState.APPROVED):
            self.report.state = state
            self.report.save()
            self.assert_not_found(self.colleague)

    def test_the_outsider_sees_nothing(self):
        services.submit(self.member, self.report)
        self.assert_not_found(self.outsider)
        self.assert_not_found(self.outsider, "compare")
        self.login(self.outsider)
        for name in ("board", "record", "mine", "record_ledger"):
            with self.subTest(name=name):
                url = reverse(f"reviews:{name}", args=[self.meeting.pk])
                self.assertRefused(partial(self.client.get, url), 404, "没有找到该会议，或您无权查看")

    def test_members_do_not_see_the_board(self):
        self.login(self.colleague)
        self.assertRefused(
            lambda: self.client.get(reverse("reviews:board", args=[self.meeting.pk])),
            404,
            "没有找到该会议，或您无权查看",
        )


class ReturnedReportPrivacyTestCase(ReviewTestCase):
    """After a return, what the author saves is his alone until he submits it again."""

    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member, state=ReportState.RETURNED)
        document = services.read_written("一、存在的问题\n（一）学习不够深入，尚在修改。")
        self.private = services.add_version(self.member, self.report, document)

    def test_the_author_reads_his_new_version(self):
        self.login(self.member)
        r = self.client.get(self.url("report", self.report))
        self.assertContains(r, "第2版（共2版）")
        self.assertContains(r, "尚在修改")

    def test_the_office_and_reviewer_read_the_version_submitted(self):
        for person in (self.secretary, self.office, self.reviewer):
            with self.subTest(person=person.username):
                self.login(person)
                r = self.client.get(self.url("report", self.report))
                self.assertContains(r, "第1版（共1版）")
                self.assertNotContains(r, "尚在修改")
                for name, args in (("report", ()), ("download", (2,))):
                    url = self.url(name, self.report, *args) + ("?v=2" if name == "report" else "")
                    self.assertRefused(partial(self.client.get, url), 404, "没有该版本")
                self.assertRefused(
                    partial(self.client.get, self.url("compare", self.report)), 404, "只有一个版本，无法比较"
                )

    def test_nobody_comments_on_it(self):
        self.login(self.reviewer)
        form = {"version": self.private.pk, "line": 1, "text": "请补充"}
        self.assertRefused(
            lambda: self.client.post(self.url("comment", self.report), form), 400, "版本不属于这份材料"
        )

    def test_the_board_shows_what_was_submitted_and_when(self):
        self.login(self.office)
        r = self.client.get(reverse("reviews:board", args=[self.meeting.pk]))
        row = next(row for row in r.content.decode().split("<tr>") if "张委员" in row)
        self.assertIn("已退回", row)
        self.assertIn("<td>1</td>", row)
        self.assertIn(f"{timezone.localtime(self.report.submitted_at):%Y-%m-%d %H:%M}", row)

    def test_once_submitted_again_it_is_shared(self):
        services.submit(self.member, self.report)
        self.login(self.reviewer)
        r = self.client.get(self.url("report", self.report))
        self.assertContains(r, "第2版（共2版）")
        self.assertContains(r, "尚在修改")
