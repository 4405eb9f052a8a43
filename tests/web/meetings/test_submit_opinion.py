"""Anyone with the link sends an opinion from a phone, and the opinion keeps no trace of who sent it."""

import datetime
import logging
from functools import partial
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import opinions
from zhenggai.meetings.models import Opinion, RateCount

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (AnonPhone 12; zh-CN) SenderBrowser/9.9"
SENDER = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": IP}
CLOSED = "该征求意见链接不存在、已过期或已关闭。如需提出意见，请联系组织者索取新的链接。"


class SubmitOpinionTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        self.link = opinions.create_link(
            self.office, self.meeting, expires_on=self.today + datetime.timedelta(days=7)
        )
        self.collect = reverse("meetings:collect", args=[self.link.token])

    def form(self, **data):
        return {
            "text": "希望班子成员多到基层一线调研，少开会多办实事。",
            "about": "",
            "aspect": "",
            "form_token": opinions.form_token(self.link),
            "website": "",
            **data,
        }

    def send(self, **data):
        return self.visitor.post(self.collect, self.form(**data), **SENDER)

    def test_it_shows_a_mobile_page_in_chinese_without_login(self):
        r = self.visitor.get(self.collect, **SENDER)
        self.assertContains(r, "征求意见")
        self.assertContains(r, 'name="viewport"')
        self.assertContains(r, "张委员")
        self.assertContains(r, self.aspects[0].text)
        self.assertNotContains(r, "csrfmiddlewaretoken")

    def test_it_stores_the_opinion_on_a_member_under_an_aspect(self):
        r = self.send(about=str(self.member.pk), aspect=str(self.aspects[2].pk))
        self.assertContains(r, "提交成功")
        self.assertEqual((self.meeting.held_opinions.count(), Opinion.objects.count()), (1, 0))
        self.publish()  # held until its batch is published: see test_publish_opinions.py
        opinion = Opinion.objects.get()
        self.assertEqual(opinion.about, self.member)
        self.assertEqual(opinion.aspect, self.aspects[2])
        self.assertEqual(opinion.received_on, self.today)
        self.assertEqual(opinion.route, "unsorted")

    def test_an_opinion_on_the_team_names_nobody(self):
        self.send()
        self.publish()
        self.assertIsNone(Opinion.objects.get().about)

    def test_the_row_holds_no_user_ip_agent_or_time(self):
        self.visitor.force_login(self.colleague)  # even a logged-in sender stays anonymous
        self.send()
        held = self.meeting.held_opinions.values().get()
        self.assertEqual(set(held), {"id", "meeting_id", "received_on", "sealed"})  # the rest is sealed
        self.assertNotIn("希望班子成员".encode(), bytes(held["sealed"]))
        self.publish()
        self.assertFalse(self.meeting.held_opinions.exists())
        row = Opinion.objects.values().get()
        self.assertEqual(
            set(row),
            {
                "id",
                "meeting_id",
                "text",
                "received_on",
                "about_id",
                "submitted_aspect_id",
                "route",
                "routed_to_id",
                "aspect_id",
                "merged_into_id",
                "answered",
                "match_decision",
                "matched_item",
            },
        )
        self.assertIsInstance(row["received_on"], datetime.date)
        self.assertNotIsInstance(row["received_on"], datetime.datetime)
        flat = repr(row)
        for trace in (IP, "AnonPhone", str(self.colleague.pk) + ",", "colleague"):
            self.assertNotIn(trace, flat)
        self.assertIsNone(row["routed_to_id"])

    def test_the_insert_sends_nothing_about_the_sender_to_the_database(self):
        with CaptureQueriesContext(connection) as queries:
            self.send()
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        self.assertIn("meetings_heldopinion", sql)
        self.assertNotIn(IP, sql)
        self.assertNotIn("AnonPhone", sql)
        self.assertNotIn("django_session", sql)

    def test_no_response_sets_a_cookie(self):
        for r in (self.visitor.get(self.collect, **SENDER), self.send(), self.send(text="短")):
            self.assertEqual(r.cookies, {}, r.status_code)
            self.assertNotIn("Set-Cookie", r.headers)
            self.assertEqual(r["Cache-Control"], "no-store")
            self.assertEqual(r["Referrer-Policy"], "no-referrer")

    def test_logs_do_not_name_the_sender(self):
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("zhenggai.meetings").debug("marker")  # assertLogs needs one line
            self.visitor.get(self.collect, **SENDER)
            self.send()
            self.send(text="短")  # 400
            self.send(form_token="forged")  # 400
            self.visitor.get(reverse("meetings:collect", args=["no-such-token"]), **SENDER)  # 404
            for _ in range(settings.OPINION_SENDER_LIMIT + 1):
                self.send()  # ends in 429
        text = "\n".join(logs.output) + repr([r.__dict__ for r in logs.records])
        self.assertNotIn(IP, text)
        self.assertNotIn("AnonPhone", text)
        self.assertNotIn(self.link.token, text)
        self.assertEqual([r.getMessage() for r in logs.records], ["marker"])

    def test_a_server_error_logs_neither_the_token_nor_the_sender(self):
        token = self.link.token
        failure = RuntimeError(f"database gone while reading link {token} for {IP}")
        for method, where in (("get", "open_link"), ("post", "submit_opinion")):
            with (
                self.subTest(method=method),
                mock.patch(f"zhenggai.meetings.opinions.{where}", side_effect=failure),
                self.assertLogs(level=logging.DEBUG) as logs,
            ):
                if method == "get":
                    r = self.visitor.get(self.collect, **SENDER)
                else:
                    r = self.send()
                self.assertContains(r, "系统暂时出错", status_code=500)
                self.assertEqual(r.cookies, {})
            text = "\n".join(logs.output) + repr([r.__dict__ for r in logs.records])
            self.assertIn(
                "RuntimeError: database gone while reading link … for …", text
            )  # still says what broke
            self.assertNotIn(token, text)
            self.assertNotIn(IP, text)
            self.assertNotIn("django.request", [r.name for r in logs.records])

    def test_the_rate_limit_refuses_with_429_in_chinese(self):
        for _ in range(settings.OPINION_SENDER_LIMIT):
            self.assertContains(self.send(), "提交成功")
        self.assertEqual(self.stored(), settings.OPINION_SENDER_LIMIT)
        r = self.assertRefused(self.send, 429, "提交的人太多了，请过几分钟再提交。您写的内容还在页面上。")
        self.assertContains(r, "希望班子成员多到基层一线调研", status_code=429)  # the text is kept

    def test_the_rate_limit_keeps_no_sender(self):
        self.send()
        rows = list(RateCount.objects.values_list("key", "period", "count"))
        self.assertEqual(len(rows), 2)  # one for the link (by id), one for a bucket of senders
        flat = repr(rows)
        for trace in (IP, "203.0.113", "AnonPhone", self.link.token):
            self.assertNotIn(trace, flat)
        self.assertEqual(sorted(key.split(":")[0] for key, _, _ in rows), ["l", "s"])

    def test_the_honeypot_keeps_nothing(self):
        with self.assertNothingChanged():
            r = self.send(website="http://spam.example")
        self.assertContains(r, "提交成功")

    def test_a_forged_or_old_form_token_asks_to_send_again(self):
        r = self.assertRefused(
            lambda: self.send(form_token="1:forged:token"),
            400,
            "页面停留时间过长，请再点一次“提交”。您写的内容还在。",
        )
        self.assertContains(r, "希望班子成员多到基层一线调研", status_code=400)  # the text is kept
        other = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.assertRefused(
            lambda: self.send(form_token=opinions.form_token(other)),
            400,
            "页面停留时间过长，请再点一次“提交”。您写的内容还在。",
        )

    def test_it_refuses_someone_not_at_the_meeting(self):
        # BUG: src/zhenggai/meetings/views/public.py answers every invalid form with the message for
        # the text, so a sender whose choice of person went stale (the office changed the
        # participants) is told to check a text that is fine.
        self.assertRefused(
            lambda: self.send(about=str(self.outsider.pk)), 400, "请填写意见内容（不超过 2000 字）后再提交。"
        )

    def test_it_refuses_too_short_and_too_long(self):
        self.assertRefused(lambda: self.send(text="好"), 400, "意见内容太短，请至少写 5 个字")
        self.assertRefused(
            lambda: self.send(text="长" * 2001), 400, "请填写意见内容（不超过 2000 字）后再提交。"
        )

    def test_expired_closed_and_unknown_links_take_nothing(self):
        expired = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        expired.expires_on = self.today - datetime.timedelta(days=1)
        expired.save()
        closed = opinions.close_link(
            self.office, opinions.create_link(self.office, self.meeting, expires_on=self.today)
        )
        for token in (expired.token, closed.token, "x" * 32):
            url = reverse("meetings:collect", args=[token])
            self.assertRefused(partial(self.visitor.get, url), 404, CLOSED)
            self.assertRefused(partial(self.visitor.post, url, self.form()), 404, CLOSED)
