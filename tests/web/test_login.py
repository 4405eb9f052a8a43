"""Logging in and out, in Chinese."""

from django.urls import reverse

from tests.web.base import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    def test_it_logs_in(self):
        r = self.client.post(reverse("login"), {"username": "member", "password": PASSWORD})
        self.assertRedirects(r, reverse("ledger:index"))

    def test_it_refuses_a_wrong_password_in_chinese(self):
        # The login page is shown again (200), with the refusal and no login recorded.
        self.assertRefused(
            lambda: self.client.post(reverse("login"), {"username": "member", "password": "wrong"}),
            200,
            "用户名或密码不正确，请重新输入。",
        )
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_logs_out(self):
        self.login(self.member)
        r = self.client.post(reverse("logout"))
        self.assertRedirects(r, reverse("login"))
        self.assertNotIn("_auth_user_id", self.client.session)
        index = reverse("ledger:index")
        self.assertRedirects(self.client.get(index), f"{reverse('login')}?next={index}")

    def test_the_page_is_chinese(self):
        r = self.client.get(reverse("login"))
        self.assertContains(r, '<html lang="zh-CN">')
        self.assertContains(r, "登录整改台账")

    def test_the_stylesheet_is_served_by_the_app(self):
        r = self.client.get("/static/zhenggai/site.css")
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r["Content-Type"].startswith("text/css"))
        css = b"".join(r.streaming_content) if r.streaming else r.content
        self.assertIn(b"header.top", css)
