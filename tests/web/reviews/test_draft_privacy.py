"""Nobody but the author sees a draft; after submission the office and reviewers do, other members never."""

from functools import partial

from django.urls import reverse

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

    def test_the_board_shows_a_draft_without_its_findings(self):
        self.login(self.office)
        r = self.client.get(reverse("reviews:board", args=[self.meeting.pk]))
        self.assertContains(r, "草稿")
        self.assertNotContains(r, self.url("report", self.report))

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
