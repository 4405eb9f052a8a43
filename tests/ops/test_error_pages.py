"""400, 403, 404 and 500 answer with Chinese pages (DEBUG off); the 500 page needs no database."""

from __future__ import annotations

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.web.base import BaseTestCase
from zhenggai.web import views


@override_settings(DEBUG=False, ROOT_URLCONF="tests.ops.urls_failing")
class ErrorPagesTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.raise_request_exception = False
        self.login(self.member)

    def assert_chinese_page(self, response: object, status: int, text: str) -> str:
        self.assertEqual(response.status_code, status)  # type: ignore[attr-defined]
        body = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn('<html lang="zh-CN">', body)
        self.assertIn(text, body)
        for english in ("Bad Request", "Forbidden", "Not Found", "Server Error", "Traceback"):
            self.assertNotIn(english, body)
        return body

    def test_a_bad_request(self) -> None:
        self.assert_chinese_page(self.client.get("/fail/400/"), 400, "请求无效")

    def test_a_host_name_not_allowed(self) -> None:
        self.assert_chinese_page(self.client.get("/", HTTP_HOST="evil.example"), 400, "请求无效")

    def test_forbidden(self) -> None:
        self.assert_chinese_page(self.client.get("/fail/403/"), 403, "您没有权限访问该页面")

    def test_a_form_whose_csrf_token_is_missing(self) -> None:
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(self.member)
        response = browser.post("/logout/")
        self.assert_chinese_page(response, 403, "页面已过期或表单来源无法验证")

    def test_not_found(self) -> None:
        self.assert_chinese_page(self.client.get("/no-such-page/"), 404, "页面不存在")

    def test_a_server_error(self) -> None:
        body = self.assert_chinese_page(self.client.get("/fail/500/"), 500, "系统暂时出现错误")
        self.assertNotIn("the database went away", body)

    def test_the_500_page_needs_no_database(self) -> None:
        with CaptureQueriesContext(connection) as queries:
            response = views.server_error(None)  # type: ignore[arg-type]
        self.assertEqual(len(queries), 0)
        self.assertContains(response, "系统出错", status_code=500)
