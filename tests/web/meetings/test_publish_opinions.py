"""Accepted opinions wait, sealed, and are published in batches: when enough wait, the next day, or when
the collection ends; the office sees how many wait, and nothing else of them."""

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import holding, opinions
from zhenggai.meetings.models import HeldOpinion, Opinion, OpinionLink
from zhenggai.meetings.sealing import PADDED_BYTES, Content, seal, unseal

TEXTS = [f"第{n}条意见：希望班子成员多到基层调研。" for n in range(1, 8)]


class PublishOpinionsTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        self.link = opinions.create_link(
            self.office, self.meeting, expires_on=self.today + datetime.timedelta(days=7)
        )

    def send(self, *texts, **choices):
        for text in texts:
            opinions.submit_opinion(self.link, text=text, **choices)

    def send_on(self, day, *texts):
        with mock.patch("zhenggai.meetings.holding.today", return_value=day):
            self.send(*texts)

    def published(self):
        return sorted(Opinion.objects.values_list("text", flat=True))

    def test_the_sender_is_thanked_at_once_and_the_office_sees_only_a_count(self):
        r = self.visitor.post(
            reverse("meetings:collect", args=[self.link.token]),
            {"text": TEXTS[0], "about": "", "aspect": "", "form_token": opinions.form_token(self.link)},
        )
        self.assertContains(r, "提交成功")
        self.assertContains(r, "凑成一批")
        self.assertEqual((HeldOpinion.objects.count(), Opinion.objects.count()), (1, 0))
        self.login(self.office)
        page = self.client.get(self.url("opinions"))
        self.assertContains(page, "另有 1 条意见已收到，等待公布")
        self.assertNotContains(page, TEXTS[0])
        self.assertContains(self.client.get(self.url("detail")), "条等待公布")

    def test_members_see_no_count(self):
        self.send(TEXTS[0])
        self.login(self.member)
        self.assertNotContains(self.client.get(self.url("opinions")), "等待公布")
        self.assertNotContains(self.client.get(self.url("detail")), "等待公布")

    def test_the_fifth_opinion_publishes_the_batch(self):
        self.send(*TEXTS[:4])
        self.assertEqual((holding.waiting_count(self.meeting), self.published()), (4, []))
        self.send(TEXTS[4])
        self.assertEqual(self.published(), sorted(TEXTS[:5]))
        self.assertFalse(HeldOpinion.objects.exists())
        self.send(TEXTS[5])
        self.assertEqual((holding.waiting_count(self.meeting), Opinion.objects.count()), (1, 5))

    def test_a_published_opinion_keeps_its_date_whom_and_aspect(self):
        yesterday = self.today - datetime.timedelta(days=1)
        self.send_on(yesterday, TEXTS[0])
        self.send(TEXTS[1], about=self.member, aspect=self.aspects[1])
        self.publish()
        first, second = (Opinion.objects.get(text=t) for t in TEXTS[:2])
        self.assertEqual((first.received_on, first.about, first.aspect), (yesterday, None, None))
        self.assertEqual((second.received_on, second.about), (self.today, self.member))
        self.assertEqual((second.aspect, second.submitted_aspect), (self.aspects[1], self.aspects[1]))

    def test_whom_and_aspect_gone_while_it_waited_are_left_out(self):
        self.send(TEXTS[0], aspect=self.aspects[1])
        self.aspects[1].delete()
        self.publish()
        self.assertIsNone(Opinion.objects.get().aspect)

    def test_the_office_chooses_the_batch_size(self):
        self.login(self.office)
        r = self.client.post(self.url("opinion_batch"), {"size": "3"})
        self.assertRedirects(r, self.url("opinions"))
        self.assertEqual(self.fresh().opinion_batch, 3)
        self.send(*TEXTS[:3])
        self.assertEqual(len(self.published()), 3)
        for size in ("2", "101"):
            r = self.client.post(self.url("opinion_batch"), {"size": size}, follow=True)
            self.assertContains(r, "3 到 100")
        self.assertEqual(self.fresh().opinion_batch, 3)

    def test_a_smaller_batch_publishes_what_already_waits(self):
        self.send(*TEXTS[:3])
        holding.set_batch_size(self.office, self.meeting, 3)
        self.assertEqual(len(self.published()), 3)

    def test_only_the_office_chooses_the_batch_size(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertEqual(self.client.post(self.url("opinion_batch"), {"size": "3"}).status_code, 403)
        self.assertEqual(self.fresh().opinion_batch, 5)

    def test_the_daily_command_publishes_the_days_before_and_not_a_lone_opinion_of_today(self):
        self.send_on(self.today - datetime.timedelta(days=1), *TEXTS[:2])
        out = io.StringIO()
        call_command("publish_opinions", stdout=out)
        self.assertEqual(out.getvalue().strip(), "已公布 1 次会议的 2 条意见。")
        self.assertEqual(self.published(), sorted(TEXTS[:2]))
        self.send(TEXTS[2])
        call_command("publish_opinions", stdout=io.StringIO())
        self.assertEqual(holding.waiting_count(self.meeting), 1)
        out = io.StringIO()
        call_command(
            "publish_opinions", "--today", (self.today + datetime.timedelta(days=1)).isoformat(), stdout=out
        )
        self.assertEqual(self.published(), sorted(TEXTS[:3]))

    def test_the_office_opening_the_page_publishes_the_days_before(self):
        self.send_on(self.today - datetime.timedelta(days=2), TEXTS[0])
        self.login(self.office)
        self.assertContains(self.client.get(self.url("opinions")), TEXTS[0])
        self.assertFalse(HeldOpinion.objects.exists())

    def test_closing_the_last_open_link_publishes_everything(self):
        other = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.send(TEXTS[0])
        opinions.close_link(self.office, other)
        self.assertEqual(self.published(), [])  # self.link still takes opinions
        opinions.close_link(self.office, self.link)
        self.assertEqual(self.published(), [TEXTS[0]])

    def test_an_expired_collection_is_published_when_the_office_opens_the_page(self):
        self.send(TEXTS[0])
        OpinionLink.objects.filter(pk=self.link.pk).update(expires_on=self.today - datetime.timedelta(days=1))
        self.login(self.reviewer)
        self.assertContains(self.client.get(self.url("unanswered")), "意见回应情况")
        self.assertEqual(self.published(), [TEXTS[0]])

    def test_the_command_says_when_there_is_nothing_to_publish(self):
        out = io.StringIO()
        call_command("publish_opinions", stdout=out)
        self.assertEqual(out.getvalue().strip(), "没有到期的待公布意见。")

    def test_a_bad_date_is_refused(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "日期格式应为 YYYY-MM-DD"):
            call_command("publish_opinions", "--today", "2022/1/1")


class SealTestCase(MeetingTestCase):
    def test_every_sealed_opinion_has_the_same_size_and_opens_only_for_its_meeting(self):
        short = seal(self.meeting.pk, Content("短意见"))
        long = seal(self.meeting.pk, Content("长" * 2000, self.member.pk, self.aspects[0].pk))
        self.assertEqual(len(short), len(long))
        self.assertGreater(len(short), PADDED_BYTES)
        self.assertEqual(
            unseal(self.meeting.pk, long), Content("长" * 2000, self.member.pk, self.aspects[0].pk)
        )
        self.assertIsNone(unseal(self.meeting.pk + 1, short))

    def test_an_old_key_still_opens_what_waits(self):
        with override_settings(SECRET_KEY="the-key-before-rotation-" * 3):
            sealed = seal(self.meeting.pk, Content("密钥更换前提交的意见"))
        with override_settings(SECRET_KEY_FALLBACKS=["the-key-before-rotation-" * 3]):
            self.assertEqual(unseal(self.meeting.pk, sealed).text, "密钥更换前提交的意见")
        self.assertIsNone(unseal(self.meeting.pk, sealed))

    def test_an_opinion_no_key_opens_stays_held_and_the_command_says_so(self):
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        with override_settings(SECRET_KEY="a-key-this-system-lost-" * 3):
            opinions.submit_opinion(link, text="密钥丢失前提交的意见")
        err = io.StringIO()
        tomorrow = (self.today + datetime.timedelta(days=1)).isoformat()
        call_command("publish_opinions", "--today", tomorrow, stdout=io.StringIO(), stderr=err)
        self.assertFalse(Opinion.objects.exists())
        self.assertEqual(HeldOpinion.objects.count(), 1)
        self.assertIn("1 条待公布意见无法解封", err.getvalue())
