"""No log line carries an opinion link's token, even for an error outside the public page's own view."""

from __future__ import annotations

import io
import logging
import sys

from django.test import Client, TestCase, override_settings

from zhenggai.web.logs import HidePublicLinks

TOKEN = "Zq3-secret-token-of-a-collection-link"
PATH = f"/meetings/o/{TOKEN}/"


class Boom:
    """A middleware that fails on every request: the error Django's own request logger writes."""

    def __init__(self, get_response: object) -> None:
        self.get_response = get_response

    def __call__(self, request: object) -> object:
        raise RuntimeError(f"failed on {PATH} before any view")


def console_handler() -> logging.Handler:
    """The handler settings.LOGGING puts on the root logger."""
    return next(
        h for h in logging.getLogger().handlers if any(isinstance(f, HidePublicLinks) for f in h.filters)
    )


class HidePublicLinksTestCase(TestCase):
    def test_an_error_in_a_middleware_logs_the_path_without_its_token(self):
        handler = console_handler()
        out = io.StringIO()
        previous = handler.setStream(out)
        self.addCleanup(handler.setStream, previous)
        from django.conf import settings

        with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, "tests.web.test_logs.Boom"]):
            r = Client(raise_request_exception=False).get(PATH)
        self.assertEqual(r.status_code, 500)
        text = out.getvalue()
        self.assertIn("Internal Server Error: /meetings/o/…/", text)
        self.assertIn("RuntimeError: failed on /meetings/o/…/ before any view", text)
        self.assertNotIn(TOKEN, text)

    def test_every_part_of_a_record_is_cleaned(self):
        try:
            raise ValueError(f"bad {PATH}")
        except ValueError:
            exc_info = sys.exc_info()
        record = logging.LogRecord(
            "waitress", logging.ERROR, __file__, 1, "Exception while serving %s", (PATH,), exc_info
        )
        record.request = type("Request", (), {"path": PATH})()
        self.assertTrue(HidePublicLinks().filter(record))
        self.assertIsNone(record.request)
        formatted = logging.Formatter().format(record)
        self.assertIn("Exception while serving /meetings/o/…/", formatted)
        self.assertIn("ValueError: bad /meetings/o/…/", formatted)
        self.assertNotIn(TOKEN, formatted)

    def test_other_lines_stay_as_they_are(self):
        record = logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/measures/7/",), None
        )
        HidePublicLinks().filter(record)
        self.assertEqual(record.getMessage(), "Not Found: /measures/7/")
