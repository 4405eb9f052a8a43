"""Nobody but the author sees a draft; after submission the office and reviewers do, other members never."""

from django.urls import reverse

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews import services
from zhenggai.reviews.models import ReportState


class DraftPrivacyTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member)

    def status(self, user, name="report", *args):
        self.login(user)
        return self.client.get(self.url(name, self.report, *args)).status_code

    def test_the_author_sees_his_draft(self):
        self.assertEqual(self.status(self.member), 200)
        self.assertEqual(self.status(self.member, "download", 1), 200)

    def test_nobody_else_sees_a_draft(self):
        for person in (self.colleague, self.secretary, self.office, self.reviewer, self.outsider):
            with self.subTest(person=person):
                self.assertEqual(self.status(person), 404)
                self.assertEqual(self.status(person, "download", 1), 404)

    def test_the_board_shows_a_draft_without_its_findings(self):
        self.login(self.office)
        r = self.client.get(reverse("reviews:board", args=[self.meeting.pk]))
        self.assertContains(r, "草稿")
        self.assertNotContains(r, self.url("report", self.report))

    def test_after_submission_the_office_and_reviewer_see_it(self):
        services.submit(self.member, self.report)
        for person in (self.secretary, self.office, self.reviewer):
            with self.subTest(person=person):
                self.assertEqual(self.status(person), 200)

    def test_other_members_never_see_it(self):
        for state in (ReportState.SUBMITTED, ReportState.APPROVED):
            self.report.state = state
            self.report.save()
            self.assertEqual(self.status(self.colleague), 404)

    def test_the_outsider_sees_nothing(self):
        services.submit(self.member, self.report)
        self.assertEqual(self.status(self.outsider), 404)
        self.assertEqual(self.status(self.outsider, "compare"), 404)
        self.login(self.outsider)
        for name in ("board", "record", "mine", "record_ledger"):
            with self.subTest(name=name):
                self.assertEqual(
                    self.client.get(reverse(f"reviews:{name}", args=[self.meeting.pk])).status_code, 404
                )

    def test_members_do_not_see_the_board(self):
        self.login(self.colleague)
        self.assertEqual(self.client.get(reverse("reviews:board", args=[self.meeting.pk])).status_code, 404)
