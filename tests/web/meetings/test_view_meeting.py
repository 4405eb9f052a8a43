"""Reading a meeting: the team reads, the outsider finds nothing, nobody without a login gets in."""

from functools import partial

from django.urls import reverse

from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import services


class ViewMeetingTestCase(MeetingTestCase):
    def test_it_shows_the_overview_to_the_office(self):
        self.login(self.office)
        r = self.client.get(self.url("detail"))
        self.assertContains(r, "2021年度党史学习教育专题民主生活会")
        self.assertContains(r, "王书记（书记）")
        self.assertContains(r, "张委员")
        self.assertContains(r, "带头践行以人民为中心的发展思想")
        self.assertContains(r, reverse("ledger:source", args=[self.source.pk]))
        self.assertContains(r, "修改会议")

    def test_it_links_last_years_meeting_and_its_ledger(self):
        later = services.create_meeting(
            self.office, organisation=self.team, kind="democratic_life", year=2022
        )
        self.login(self.office)
        r = self.client.get(reverse("meetings:detail", args=[later.pk]))
        self.assertContains(r, reverse("meetings:detail", args=[self.meeting.pk]))
        self.assertContains(r, reverse("ledger:source", args=[self.source.pk]))

    def test_members_and_reviewers_read_without_edit_links(self):
        for person in (self.member, self.colleague, self.reviewer, self.secretary):
            self.login(person)
            r = self.client.get(self.url("detail"))
            self.assertContains(r, "2021年度党史学习教育专题民主生活会")
            if person != self.secretary:
                self.assertNotContains(r, self.url("edit"))

    def test_the_outsider_gets_404_on_every_page(self):
        self.login(self.outsider)
        for name in ("detail", "edit", "notice", "aspects", "opinions", "unanswered", "talks"):
            with self.subTest(page=name):
                self.assertRefused(
                    partial(self.client.get, self.url(name)), 404, "没有找到该会议，或您无权查看"
                )

    def test_the_list_shows_only_ones_own_organisations(self):
        self.login(self.outsider)
        r = self.client.get(reverse("meetings:index"))
        self.assertNotContains(r, "党史学习教育专题民主生活会")
        self.login(self.member)
        r = self.client.get(reverse("meetings:index"))
        self.assertContains(r, "党史学习教育专题民主生活会")

    def test_a_visitor_is_sent_to_log_in(self):
        r = self.visitor.get(self.url("detail"))
        self.assertRedirects(r, f"{reverse('login')}?next={self.url('detail')}")

    def test_the_navigation_links_to_meetings(self):
        self.login(self.member)
        r = self.client.get(reverse("ledger:index"))
        self.assertContains(r, reverse("meetings:index"))
