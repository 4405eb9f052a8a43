"""A page that does not exist says so in Chinese and shows nothing of the site's insides."""

from __future__ import annotations

from tests.web.base import BaseTestCase


class NotFoundTestCase(BaseTestCase):
    def test_it_hides_the_url_patterns_tried(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        body = response.content.decode("utf-8")
        self.assertIn("页面不存在", body)
        self.assertNotIn("URLPattern", body)
        self.assertNotIn("tried", body)

    def test_it_hides_model_names_of_missing_objects(self) -> None:
        self.client.force_login(self.secretary)
        response = self.client.get("/problems/999999/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("matches the given query", response.content.decode("utf-8"))
