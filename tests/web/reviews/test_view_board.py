"""The office's board of all members' reports, and the reviews index."""

from django.urls import reverse

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews.models import ReportState


class ViewBoardTestCase(ReviewTestCase):
    def board(self, user):
        self.login(user)
        return self.client.get(reverse("reviews:board", args=[self.meeting.pk]))

    def test_it_lists_every_member_with_state_versions_and_findings(self):
        submitted = self.report_of(self.member, state=ReportState.SUBMITTED)
        self.report_of(self.colleague)
        r = self.board(self.office)
        rows = r.content.decode().split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        self.assertEqual(len(rows), 3)
        member_row = next(row for row in rows if "张委员" in row)
        self.assertIn("已提交", member_row)
        self.assertIn("<td>17</td><td>4</td><td>3</td>", member_row)
        self.assertIn(reverse("reviews:report", args=[submitted.pk]), member_row)
        # A draft reads exactly as no report at all: nothing of it shows, not even that it exists.
        colleague_row = next(row for row in rows if "刘委员" in row)
        secretary_row = next(row for row in rows if "王书记" in row)
        self.assertIn("未提交", colleague_row)
        self.assertNotIn("草稿", colleague_row)
        self.assertEqual(colleague_row.replace("刘委员", ""), secretary_row.replace("王书记", ""))

    def test_the_reviewer_sees_the_board(self):
        submitted = self.report_of(self.member, state=ReportState.SUBMITTED)
        r = self.board(self.reviewer)
        for name in ("王书记", "张委员", "刘委员"):
            self.assertContains(r, name)
        self.assertContains(r, reverse("reviews:report", args=[submitted.pk]))

    def test_the_index_offers_each_person_what_he_may_do(self):
        self.login(self.member)
        r = self.client.get(reverse("reviews:index"))
        self.assertContains(r, reverse("reviews:mine", args=[self.meeting.pk]))
        self.assertNotContains(r, f'href="{reverse("reviews:board", args=[self.meeting.pk])}"')
        self.login(self.reviewer)
        r = self.client.get(reverse("reviews:index"))
        self.assertNotContains(r, reverse("reviews:mine", args=[self.meeting.pk]))
        self.assertContains(r, f'href="{reverse("reviews:board", args=[self.meeting.pk])}"')
        self.login(self.outsider)
        self.assertNotContains(self.client.get(reverse("reviews:index")), "2022年度")
