"""我的设置 and the group robots page: who may change what, and the refusals in Chinese."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.notify.models import GroupRobot, Preference

SETTINGS = reverse("notify:settings")
ROBOTS = reverse("notify:robots")


class MySettingsTestCase(BaseTestCase):
    def test_the_page_says_where_the_digest_goes(self):
        self.login(self.member)
        r = self.client.get(SETTINGS)
        self.assertContains(r, "每天接收逾期、即将到期的整改措施提醒邮件")
        self.assertContains(r, f'href="{SETTINGS}"')  # the header's name leads here

    def test_it_saves_the_address_and_the_choice(self):
        self.login(self.member)
        r = self.client.post(SETTINGS, {"email": "zhang@example.gov.cn", "digest_email": "on"}, follow=True)
        self.assertContains(r, "设置已保存")
        self.member.refresh_from_db()
        self.assertEqual(self.member.email, "zhang@example.gov.cn")
        self.assertTrue(Preference.objects.get(user=self.member).digest_email)

    def test_the_digest_without_an_address_is_refused(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(SETTINGS, {"email": "", "digest_email": "on"}),
            400,
            "接收每日提醒邮件需要填写邮箱；不需要时请取消勾选",
        )

    def test_a_bad_address_is_refused(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(SETTINGS, {"email": "zhang@", "digest_email": "on"}),
            400,
            "邮箱：邮箱地址的格式不对，例如 zhangsan@example.gov.cn",
        )


class RobotsTestCase(BaseTestCase):
    def test_the_office_adds_and_removes_a_robot(self):
        self.login(self.office)
        r = self.client.post(
            ROBOTS,
            {
                "organisation": self.team.pk,
                "kind": "wecom",
                "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
                "name": "党组群",
            },
            follow=True,
        )
        self.assertContains(r, "已添加群机器人“党组群”")
        robot = GroupRobot.objects.get()
        r = self.client.post(reverse("notify:robot_delete", args=[robot.pk]), follow=True)
        self.assertContains(r, "已删除群机器人“党组群”")
        self.assertFalse(GroupRobot.objects.exists())

    def test_a_plain_http_address_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(
                ROBOTS, {"organisation": self.team.pk, "kind": "wecom", "url": "http://example.com/x"}
            ),
            400,
            "Webhook 地址：Webhook 地址应以 https:// 开头",
        )

    def test_a_member_may_not_set_robots(self):
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(ROBOTS), 403, "只有书记或办公室可以设置群机器人")

    def test_the_outsider_may_not_add_one_to_another_organisation_or_remove_one(self):
        robot = GroupRobot.objects.create(organisation=self.team, kind="wecom", url="https://example.com/x")
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.post(
                ROBOTS, {"organisation": self.team.pk, "kind": "wecom", "url": "https://example.com/y"}
            ),
            400,
            "组织：请选择您管理的组织",
        )
        self.assertRefused(
            lambda: self.client.post(reverse("notify:robot_delete", args=[robot.pk])),
            404,
            "没有找到该群机器人",
        )
