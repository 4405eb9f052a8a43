"""With the HTTPS settings on: plain HTTP is redirected, HSTS is sent, cookies travel only over HTTPS."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from tests.web.base import PASSWORD, BaseTestCase

PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    **PROXY,
)
class HttpsTestCase(BaseTestCase):
    def test_plain_http_is_redirected_to_https(self) -> None:
        response = self.client.get("/login/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://testserver/login/")

    def test_https_through_the_proxy_gets_hsts(self) -> None:
        response = self.client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains")

    def test_the_session_and_csrf_cookies_are_secure(self) -> None:
        page = self.client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
        self.assertTrue(page.cookies["csrftoken"]["secure"])
        response = self.client.post(
            reverse("login"), {"username": "member", "password": PASSWORD}, HTTP_X_FORWARDED_PROTO="https"
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.cookies["sessionid"]["secure"])
