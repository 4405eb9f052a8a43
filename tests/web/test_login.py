"""Logging in and out, in Chinese."""

from django.urls import reverse

from tests.web.base import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    def test_it_logs_in(self):
        r = self.client.post(reverse("login"), {"username": "member", "password": PASSWORD})
        self.assertRedirects(r, reverse("ledger:index"))

    def test_it_refuses_a_wrong_password_in_chinese(self):
        r = self.client.post(reverse("login"), {"username": "member", "password": "wrong"})
        self.assertContains(r, "用户名或密码不正确")

    def test_it_logs_out(self):
        self.login(self.member)
        r = self.client.post(reverse("logout"))
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.client.get(reverse("ledger:index")).status_code, 302)

    def test_the_page_is_chinese(self):
        r = self.client.get(reverse("login"))
        self.assertContains(r, '<html lang="zh-CN">')
        self.assertContains(r, "登录整改台账")

    def test_the_stylesheet_is_served_by_the_app(self):
        r = self.client.get("/static/zhenggai/site.css")
        self.assertEqual(r.status_code, 200)
