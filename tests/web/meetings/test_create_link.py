"""The office makes a collection link, prints its QR code, closes it."""

import datetime

from django.urls import reverse

from tests.web.meetings.base import MeetingTestCase
from tests.web.meetings.test_submit_opinion import CLOSED
from zhenggai.meetings import opinions
from zhenggai.meetings.models import OpinionLink


class CreateLinkTestCase(MeetingTestCase):
    def test_it_makes_an_unguessable_link_and_shows_its_qr_code(self):
        self.login(self.office)
        r = self.client.post(
            reverse("meetings:link_create", args=[self.meeting.pk]),
            {"title": "机关全体干部", "expires_on": "2099-01-31"},
        )
        link = OpinionLink.objects.get()
        self.assertRedirects(r, self.url("link_qr", link.pk))
        self.assertGreaterEqual(len(link.token), 32)
        self.assertEqual(link.expires_on, datetime.date(2099, 1, 31))
        r = self.client.get(self.url("link_qr", link.pk))
        self.assertContains(r, "<svg")
        self.assertContains(r, reverse("meetings:collect", args=[link.token]))
        self.assertContains(r, "2099年1月31日")

    def test_tokens_differ(self):
        tokens = {
            opinions.create_link(self.office, self.meeting, expires_on=self.today).token for _ in range(20)
        }
        self.assertEqual(len(tokens), 20)

    def test_it_refuses_a_past_expiry(self):
        self.login(self.office)
        r = self.assertRefused(
            lambda: self.client.post(
                reverse("meetings:link_create", args=[self.meeting.pk]),
                {"title": "机关全体干部", "expires_on": "2000-01-01"},
            ),
            400,
            "截止日期不能早于今天",
        )
        # The opinions page again, with what he typed still in the form.
        self.assertContains(r, 'value="机关全体干部"', status_code=400)

    def test_it_closes_a_link(self):
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.login(self.office)
        r = self.client.post(self.url("link_close", link.pk))
        self.assertRedirects(r, self.url("opinions"))
        link.refresh_from_db()
        self.assertIsNotNone(link.closed_at)
        url = reverse("meetings:collect", args=[link.token])
        self.assertRefused(lambda: self.visitor.get(url), 404, CLOSED)

    def test_members_and_reviewers_may_not_make_or_see_links(self):
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.client.post(
                    reverse("meetings:link_create", args=[self.meeting.pk]), {"expires_on": "2099-01-31"}
                ),
                403,
                "只有本组织的书记或办公室可以进行此项操作",
            )
            self.assertRefused(
                lambda: self.client.get(self.url("link_qr", link.pk)),
                403,
                "只有本组织的书记或办公室可以查看征求意见链接",
            )
            self.assertRefused(
                lambda: self.client.post(self.url("link_close", link.pk)),
                403,
                "只有本组织的书记或办公室可以进行此项操作",
            )
            r = self.client.get(self.url("opinions"))
            self.assertNotContains(r, link.token)

    def test_the_outsider_gets_404(self):
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.get(self.url("link_qr", link.pk)), 404, "没有找到该会议，或您无权查看"
        )
        self.assertRefused(
            lambda: self.client.post(self.url("link_close", link.pk)), 404, "没有找到该会议，或您无权查看"
        )
