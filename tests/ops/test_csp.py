"""Every page carries the Content-Security-Policy and holds no inline script, style or handler.

The pages are found by walking the demo's links as its secretary, office and reviewer (every page a
person can reach by clicking), plus the login page and the public opinion form; the templates are
also read directly, so a page no link reaches cannot hide an inline script either.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path

from django.test import Client, TestCase, override_settings

from zhenggai.meetings.models import OpinionLink
from zhenggai.orgs.models import User
from zhenggai.web import demo

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "zhenggai"
#: Links not followed: files, exports, logout, the admin and the API (no HTML pages of ours).
SKIP = re.compile(r"^/(static|admin|api|evidence)/|/logout/|export|download|/file/|\?format=")
MAX_PAGES = 150
#: Pages of one shape (/measures/N/edit/) visited at most this often: they share a template.
PER_SHAPE = 2


class InlineFinder(HTMLParser):
    """Collects every inline script, <style> element, style attribute, on… handler and javascript: URL."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="{value}">')
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "a" and names.get("href"):
            self.links.append(str(names["href"]))


def inline_in(html: str) -> InlineFinder:
    finder = InlineFinder()
    finder.feed(html)
    return finder


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class ContentSecurityPolicyTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.evidence_dir = tempfile.mkdtemp(prefix="zhenggai-csp-")
        with override_settings(EVIDENCE_DIR=cls.evidence_dir):
            demo.load()

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.evidence_dir, ignore_errors=True)
        super().tearDownClass()

    def assert_safe(self, url: str, response: object) -> None:
        policy = response["Content-Security-Policy"]  # type: ignore[index]
        self.assertIn("default-src 'self'", policy, url)
        self.assertIn("script-src 'self'", policy, url)
        self.assertIn("style-src 'self'", policy, url)
        self.assertNotIn("unsafe-inline", policy, url)
        self.assertEqual(inline_in(response.content.decode()).found, [], url)  # type: ignore[attr-defined]

    def crawl(self, username: str) -> set[str]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        seen: set[str] = set()
        shapes: Counter[str] = Counter()
        queue = deque(["/", "/ledger/import/"])
        while queue and len(seen) < MAX_PAGES:
            url = queue.popleft()
            shape = re.sub(r"\d+", "N", url)
            if url in seen or shapes[shape] >= PER_SHAPE:
                continue
            seen.add(url)
            shapes[shape] += 1
            response = client.get(url, follow=True)
            if not response["Content-Type"].startswith("text/html"):
                continue
            self.assert_safe(url, response)
            for link in inline_in(response.content.decode()).links:
                path = link.split("#")[0]
                if path.startswith("/") and not SKIP.search(path) and path not in seen:
                    queue.append(path)
        return seen

    def test_every_page_the_demo_links_to(self) -> None:
        pages = set()
        for username in ("wangshuji", "libangong", "zhaoshen"):
            pages |= self.crawl(username)
        for part in ("/problems/", "/measures/", "/reviews/", "/meetings/", "/orgs/", "/todo/", "/audit/"):
            self.assertTrue(any(part in page for page in pages), f"no page under {part} was reached")

    def test_the_pages_without_login(self) -> None:
        link = OpinionLink.objects.first()
        assert link is not None
        for url in ("/login/", f"/meetings/o/{link.token}/", "/no-such-page/"):
            self.assert_safe(url, self.client.get(url))

    def test_no_template_holds_inline_script_or_style(self) -> None:
        for template in sorted(TEMPLATES.glob("*/templates/**/*.html")):
            found = inline_in(template.read_text(encoding="utf-8")).found
            self.assertEqual(found, [], template.relative_to(TEMPLATES))

    def test_the_scripts_and_stylesheets_are_served_by_the_app(self) -> None:
        for path in ("zhenggai/site.js", "zhenggai/site.css", "meetings/public.css"):
            response = self.client.get(f"/static/{path}")
            self.assertEqual(response.status_code, 200, path)
