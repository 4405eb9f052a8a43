"""The daily digest of `zhenggai remind`: e-mail through a real local SMTP server, group robots of
企业微信 and 钉钉 through a real local HTTP receiver, once a day, and each person may turn it off."""

import base64
import datetime
import hashlib
import hmac
import io
import urllib.parse

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.web.base import BaseTestCase
from tests.web.servers import http_receiver, smtp_server
from zhenggai.ledger.models import Measure
from zhenggai.notify.models import GroupRobot, Preference, SentDigest

SITE = "https://zhenggai.example.gov.cn"


class DigestTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.due(self.measure, -4)
        self.due(self.colleague_measure, 0)
        for person, address in (
            (self.member, "zhang@example.gov.cn"),
            (self.colleague, "liu@example.gov.cn"),
            (self.office, "li@example.gov.cn"),
        ):
            person.email = address
            person.save()
        self.date = f"{self.today.year}年{self.today.month}月{self.today.day}日"

    def due(self, measure, days):
        Measure.objects.filter(pk=measure.pk).update(deadline=self.today + datetime.timedelta(days=days))

    def remind(self, **mail):
        out = io.StringIO()
        settings = {"SITE_URL": SITE, "DIGEST_EMAIL": bool(mail), **mail}
        if mail:
            settings["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        with override_settings(**settings):
            call_command("remind", stdout=out)
        return out.getvalue()

    def subject(self, message):
        # Django folds a long encoded subject onto the next line; Python's parser keeps that fold's space.
        return str(message["Subject"]).strip()

    def mail_settings(self, box):
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": box.port}

    def test_each_owner_and_the_units_office_get_their_measures_by_email(self):
        with smtp_server() as box:
            out = self.remind(**self.mail_settings(box))
        self.assertIn("每日提醒：发送邮件3封，群机器人消息0条；今天已发送过的0份未重复发送。", out)
        [own] = box.for_address("zhang@example.gov.cn")
        self.assertEqual(self.subject(own), f"【整改台账】每日提醒：已逾期1条，即将到期0条（{self.date}）")
        text = own.get_body(("plain",)).get_content()
        self.assertIn("张委员：", text)
        self.assertIn("本人负责的整改措施（1条）", text)
        self.assertIn("1. 【已逾期4天】制定个人学习计划，每月研读原著不少于两篇。", text)
        deadline = (self.today - datetime.timedelta(days=4)).isoformat()
        self.assertIn(f"完成时限：{deadline}　责任人：张委员　责任单位：办公室", text)
        self.assertIn(f"{SITE}/measures/{self.measure.pk}/", text)
        self.assertIn(f"不想再收到每日提醒？请在“我的设置”中关闭：{SITE}/notify/me/", text)
        html = own.get_body(("html",)).get_content()
        self.assertIn(f'<a href="{SITE}/measures/{self.measure.pk}/">制定个人学习计划', html)
        [colleague] = box.for_address("liu@example.gov.cn")
        self.assertIn(
            "【今天到期】组织专题研讨，形成调研报告。", colleague.get_body(("plain",)).get_content()
        )
        # 办公室 (the unit) has no office of its own: 李主任, the team's office above it, gets its measures.
        [office] = box.for_address("li@example.gov.cn")
        self.assertEqual(self.subject(office), f"【整改台账】每日提醒：已逾期1条，即将到期1条（{self.date}）")
        body = office.get_body(("plain",)).get_content()
        self.assertIn("责任单位“办公室”的整改措施（2条）", body)
        self.assertNotIn("本人负责", body)
        self.assertEqual(len(box.messages), 3)

    def test_running_twice_a_day_sends_nothing_twice(self):
        with smtp_server() as box:
            self.remind(**self.mail_settings(box))
            out = self.remind(**self.mail_settings(box))
        self.assertEqual(len(box.messages), 3)
        self.assertIn("发送邮件0封，群机器人消息0条；今天已发送过的3份未重复发送。", out)
        self.assertEqual(SentDigest.objects.count(), 3)

    def test_a_person_who_turned_it_off_gets_nothing(self):
        self.login(self.member)
        r = self.client.post(reverse("notify:settings"), {"email": "zhang@example.gov.cn"}, follow=True)
        self.assertContains(r, "设置已保存")
        self.assertFalse(Preference.objects.get(user=self.member).digest_email)
        with smtp_server() as box:
            out = self.remind(**self.mail_settings(box))
        self.assertEqual(box.for_address("zhang@example.gov.cn"), [])
        self.assertEqual(len(box.messages), 2)
        self.assertIn("1人已在“我的设置”中关闭每日提醒邮件。", out)

    def test_a_mail_server_that_cannot_be_reached_is_tried_again(self):
        with smtp_server() as box:
            port = box.port
        out = self.remind(EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=2)
        self.assertIn("发送失败：张委员（zhang@example.gov.cn）", out)
        self.assertEqual(SentDigest.objects.count(), 0)
        with smtp_server() as box:
            self.remind(**self.mail_settings(box))
        self.assertEqual(len(box.messages), 3)

    def test_without_a_mail_server_it_says_so(self):
        out = self.remind()
        self.assertIn("未配置邮件服务器（EMAIL_HOST），没有发送邮件。", out)
        self.assertEqual(SentDigest.objects.count(), 0)

    def test_a_wecom_robot_gets_a_markdown_message(self):
        with http_receiver() as receiver:
            GroupRobot.objects.create(
                organisation=self.team, kind="wecom", url=f"{receiver.url}/cgi-bin/webhook/send?key=abc"
            )
            out = self.remind()
            self.remind()  # the same day again: nothing more
        self.assertIn("群机器人消息1条", out)
        [(path, headers, body)] = receiver.requests
        self.assertEqual(path, "/cgi-bin/webhook/send?key=abc")
        self.assertEqual(headers["Content-Type"], "application/json; charset=utf-8")
        late = (self.today - datetime.timedelta(days=4)).isoformat()
        self.assertEqual(
            body,
            {
                "msgtype": "markdown",
                "markdown": {
                    "content": f"**整改台账每日提醒**（{self.date}）\n"
                    '机关党组：已逾期<font color="warning">1</font>条，即将到期<font color="comment">1</font>条\n'
                    f"> 【已逾期4天】[制定个人学习计划，每月研读原著不少于两篇。]({SITE}/measures/{self.measure.pk}/) 张委员 {late}\n"
                    f"> 【今天到期】[组织专题研讨，形成调研报告。]({SITE}/measures/{self.colleague_measure.pk}/) 刘委员 {self.today.isoformat()}\n"
                    f"[查看全部待办]({SITE}/todo/)"
                },
            },
        )

    def test_a_signed_dingtalk_robot_gets_a_markdown_message(self):
        secret = "SEC0123456789abcdef"
        with http_receiver() as receiver:
            GroupRobot.objects.create(
                organisation=self.team,
                kind="dingtalk",
                url=f"{receiver.url}/robot/send?access_token=t0k",
                secret=secret,
            )
            self.remind()
        [(path, _, body)] = receiver.requests
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        self.assertEqual(query["access_token"], ["t0k"])
        timestamp = query["timestamp"][0]
        expected = base64.b64encode(
            hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
        ).decode()
        self.assertEqual(query["sign"], [expected])
        late = (self.today - datetime.timedelta(days=4)).isoformat()
        title = f"整改台账每日提醒（{self.date}）"
        self.assertEqual(
            body,
            {
                "msgtype": "markdown",
                "markdown": {
                    "title": title,
                    "text": f"#### {title}\n\n机关党组：已逾期1条，即将到期1条\n\n"
                    f"- 【已逾期4天】[制定个人学习计划，每月研读原著不少于两篇。]({SITE}/measures/{self.measure.pk}/) 张委员 {late}\n"
                    f"- 【今天到期】[组织专题研讨，形成调研报告。]({SITE}/measures/{self.colleague_measure.pk}/) 刘委员 {self.today.isoformat()}\n\n"
                    f"[查看全部待办]({SITE}/todo/)",
                },
            },
        )

    def test_a_robot_that_refuses_is_tried_again_next_run(self):
        with http_receiver() as receiver:
            GroupRobot.objects.create(
                organisation=self.team, kind="wecom", url=f"{receiver.url}/send?key=k", name="党组群"
            )
            receiver.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
            out = self.remind()
            self.assertIn("发送失败：群机器人“党组群”拒收：invalid webhook url（错误码 93000）", out)
            receiver.answer = {"errcode": 0, "errmsg": "ok"}
            self.remind()
        self.assertEqual(len(receiver.requests), 2)
        self.assertEqual(SentDigest.objects.count(), 1)

    def test_an_organisation_without_due_measures_gets_no_message(self):
        with http_receiver() as receiver:
            GroupRobot.objects.create(organisation=self.other_team, kind="wecom", url=f"{receiver.url}/send")
            self.remind()
        self.assertEqual(receiver.requests, [])
