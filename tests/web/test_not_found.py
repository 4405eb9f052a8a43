"""A page that does not exist says so in Chinese and shows nothing of the site's insides."""

from __future__ import annotations

from tests.web.base import BaseTestCase


class NotFoundTestCase(BaseTestCase):
    def test_it_hides_the_url_patterns_tried(self) -> None:
        self.client.force_login(self.secretary)
        response = self.assertRefused(
            lambda: self.client.get("/no-such-page/"), 404, "页面不存在，或您无权查看"
        )
        self.assertContains(response, "<h1>未找到</h1>", status_code=404, html=True)
        body = response.content.decode("utf-8")
        self.assertNotIn("URLPattern", body)
        self.assertNotIn("tried", body)

    def test_it_hides_model_names_of_missing_objects(self) -> None:
        self.client.force_login(self.secretary)
        response = self.assertRefused(
            lambda: self.client.get("/problems/999999/"), 404, "没有找到该问题，或您无权查看"
        )
        self.assertNotIn("matches the given query", response.content.decode("utf-8"))
