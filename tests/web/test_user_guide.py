"""The user guide the app serves: every page links to its own section, and every section exists."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from tests.web.test_authorisation_matrix import API, patterns
from zhenggai.web import userguide


class UserGuideTestCase(BaseTestCase):
    def test_every_page_links_to_a_section_that_exists(self):
        missing = []
        for name, _route in patterns():
            if name.startswith("admin:") or name in API:
                continue
            slug, _, anchor = userguide.topic(name).partition("#")
            if f'id="{anchor}"' not in userguide.rendered(slug):
                missing.append(f"{name} → {slug}#{anchor}")
        self.assertEqual(missing, [])

    def test_every_listed_topic_names_a_real_page(self):
        names = {name for name, _ in patterns()} | {n for n in userguide.TOPICS if n.endswith(":")}
        self.assertEqual([n for n in userguide.TOPICS if n not in names], [])

    def test_the_measure_page_links_to_its_section(self):
        self.login(self.member)
        html = self.client.get(reverse("ledger:measure", args=[self.measure.pk])).content.decode()
        self.assertIn('id="help-link" href="/help/ledger/#measure"', html)

    def test_the_login_page_links_to_the_guide_too(self):
        html = self.client.get(reverse("login")).content.decode()
        self.assertIn('id="help-link" href="/help/start/#login"', html)

    def test_a_guide_page_renders_its_markdown_in_chinese(self):
        r = self.client.get(reverse("help_page", kwargs={"slug": "ledger"}))
        html = r.content.decode()
        self.assertEqual(r.status_code, 200)
        self.assertIn('<h2 id="close">销号与重新打开</h2>', html)
        self.assertIn("<table>", self.client.get(reverse("help")).content.decode())
        self.assertNotIn("{#", html)
        self.assertIn("和完成时限。责任人只能", html)  # a wrapped Chinese line joins without a space
        self.assertNotRegex(html, r'(src|href)="(https?:)?//')  # nothing from elsewhere

    def test_an_unknown_page_is_a_chinese_404(self):
        self.assertRefused(
            lambda: self.client.get(reverse("help_page", kwargs={"slug": "nowhere"})),
            404,
            "没有找到该帮助页面",
        )
