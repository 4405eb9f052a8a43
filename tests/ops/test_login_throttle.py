"""Failed logins are counted in the database; after five, that username at that address waits, told in Chinese.

Both doors are throttled: the login page and the API's token endpoint. The count lives in the
database (Axes' AccessAttempt), so every app server sees the same failures.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from tests.web.base import PASSWORD, BaseTestCase

LOCKED = "登录失败次数过多（连续 5 次），该账号在此网络地址的登录已暂停 15 分钟"


class LoginPageThrottleTestCase(BaseTestCase):
    def attempt(self, password: str, username: str = "member", **extra: str):  # type: ignore[no-untyped-def]
        return self.client.post(reverse("login"), {"username": username, "password": password}, **extra)

    def test_the_fifth_failure_locks_out_with_a_chinese_page(self) -> None:
        for _ in range(4):
            self.assertContains(self.attempt("wrong"), "用户名或密码不正确")
        response = self.attempt("wrong")
        self.assertContains(response, LOCKED, status_code=429)
        self.assertContains(response, "登录整改台账", status_code=429)

    def test_a_locked_out_login_is_refused_even_with_the_right_password(self) -> None:
        for _ in range(5):
            self.attempt("wrong")
        response = self.attempt(PASSWORD)
        self.assertContains(response, LOCKED, status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_others_at_the_same_address_still_log_in(self) -> None:
        for _ in range(5):
            self.attempt("wrong")
        self.assertRedirects(self.attempt(PASSWORD, username="colleague"), reverse("ledger:index"))

    def test_a_success_before_the_limit_starts_the_count_again(self) -> None:
        for _ in range(4):
            self.attempt("wrong")
        self.assertRedirects(self.attempt(PASSWORD), reverse("ledger:index"))
        self.client.logout()
        for _ in range(4):
            self.assertContains(self.attempt("wrong"), "用户名或密码不正确")

    def test_the_lockout_ends_after_the_cool_off(self) -> None:
        for _ in range(5):
            self.attempt("wrong")
        AccessAttempt.objects.update(attempt_time=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        self.assertRedirects(self.attempt(PASSWORD), reverse("ledger:index"))

    def test_failures_are_kept_in_the_database(self) -> None:
        self.attempt("wrong")
        attempt = AccessAttempt.objects.get()
        self.assertEqual(
            (attempt.username, attempt.ip_address, attempt.failures_since_start), ("member", "127.0.0.1", 1)
        )
        self.assertNotIn("wrong", str(attempt.post_data))

    @override_settings(BEHIND_PROXY=True)
    def test_behind_the_proxy_each_client_address_counts_apart(self) -> None:
        for _ in range(5):
            self.attempt("wrong", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.1")
        self.assertContains(
            self.attempt(PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1"), LOCKED, status_code=429
        )
        response = self.attempt(PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
        self.assertRedirects(response, reverse("ledger:index"))


class TokenEndpointThrottleTestCase(BaseTestCase):
    def token(self, password: str, username: str = "member"):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/api/token/", {"username": username, "password": password}, content_type="application/json"
        )

    def test_the_fifth_failure_locks_out_with_chinese_json(self) -> None:
        for _ in range(4):
            self.assertEqual(self.token("wrong").status_code, 400)
        response = self.token("wrong")
        self.assertEqual(response.status_code, 429)
        self.assertIn(LOCKED, response.json()["detail"])

    def test_a_locked_out_login_gets_no_token(self) -> None:
        for _ in range(5):
            self.token("wrong")
        response = self.token(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("token", response.json())

    def test_the_page_and_the_api_share_one_count(self) -> None:
        for _ in range(3):
            self.client.post(reverse("login"), {"username": "member", "password": "wrong"})
        self.token("wrong")
        self.assertEqual(self.token("wrong").status_code, 429)

    def test_good_credentials_get_a_token(self) -> None:
        response = self.token(PASSWORD)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["token"])
