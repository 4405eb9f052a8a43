"""Bodies larger than a page takes are refused from their Content-Length, before they are read.

The limit is the page's file limit plus a little for the form's other fields: the ledger import
takes 50 MB, a report or inspection feedback 10 MB, a notice 5 MB, every other page one evidence file
(ZHENGGAI_EVIDENCE_MAX_MB, 20 MB). Two places apply it: `zhenggai run` (waitress, which otherwise
reads a whole body before the app sees it) answers right after the headers; the middleware does the
same for any other WSGI server (which hands the app the headers first). Both answer 413 with a page
in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.utilities import RequestEntityTooLarge

from zhenggai.ledger.imports import MAX_IMPORT_BYTES
from zhenggai.meetings.services import NOTICE_MAX_BYTES
from zhenggai.reviews.services import REPORT_MAX_BYTES

MB = 1024 * 1024
#: Room for the form's other fields and the multipart boundaries around the file.
SLACK = MB
#: Pages that take more or less than one evidence file, by URL name.
PAGE_LIMITS = {
    "ledger_io:import": MAX_IMPORT_BYTES,
    "reviews:upload": REPORT_MAX_BYTES,
    "reviews:feedback": REPORT_MAX_BYTES,
    "meetings:notice": NOTICE_MAX_BYTES,
    "meetings:notice_file": NOTICE_MAX_BYTES,
}
TITLE = "上传的内容过大"


def limit_for(path: str) -> int:
    """The largest body the page at `path` takes, in bytes."""
    try:
        name = resolve(path).view_name
    except Resolver404:
        name = ""
    return PAGE_LIMITS.get(name, settings.EVIDENCE_MAX_BYTES) + SLACK


def refusal(path: str, content_length: object) -> str:
    """The Chinese message refusing a body of `content_length` bytes at `path`, or "" when it may come."""
    try:
        size = int(str(content_length or 0))
    except ValueError:
        return ""
    if size <= min(settings.EVIDENCE_MAX_BYTES, *PAGE_LIMITS.values()) + SLACK:
        return ""  # small enough for any page: no need to look the page up
    limit = limit_for(path)
    if size <= limit:
        return ""
    return (
        f"本次上传的内容约 {size / MB:.1f} MB，超过本页面的上限 {(limit - SLACK) // MB} MB，没有上传。"
        "请压缩文件或分几次上传。"
    )


def page(message: str) -> str:
    """The 413 page (static: no session, no database)."""
    return loader.get_template("web/error_page.html").render({"title": TITLE, "message": message})


class RefuseOversizeBodies:
    """Middleware, first of all: 413 from the Content-Length before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Refuse an oversize body; pass any other request on."""
        message = refusal(request.path_info, request.META.get("CONTENT_LENGTH"))
        if message:
            return HttpResponse(page(message), status=413)
        return self.get_response(request)


class TooLarge(RequestEntityTooLarge):  # type: ignore[misc]  # waitress ships no type information
    """waitress's 413, answered with the Chinese page instead of its English text."""

    def to_response(self, ident: str | None = None) -> tuple[str, list[tuple[str, str]], bytes]:
        """Status, headers and body as waitress writes them (it closes the connection after)."""
        return (
            f"{self.code} {self.reason}",
            [("Content-Type", "text/html; charset=utf-8")],
            page(self.body).encode("utf-8"),
        )


class CheckedParser(HTTPRequestParser):  # type: ignore[misc]  # waitress ships no type information
    """waitress's request parser that refuses an oversize body as soon as the headers are read."""

    def parse_header(self, header_plus: bytes) -> None:
        """Read the headers as waitress does; then, if the body will be too large, end the request here."""
        super().parse_header(header_plus)
        message = refusal(self.path, self.content_length)
        if message:
            self.error = TooLarge(message)
            self.completed = True


class CheckedChannel(HTTPChannel):  # type: ignore[misc]  # waitress ships no type information
    """waitress's connection, reading requests with CheckedParser."""

    parser_class = CheckedParser


def create_server(application: Any, **options: Any) -> Any:
    """waitress.create_server, with every listening socket using CheckedChannel (for waitress.serve)."""
    from waitress.server import create_server as waitress_create_server

    server = waitress_create_server(application, **options)
    for dispatcher in [server, *getattr(server, "map", {}).values()]:
        if hasattr(dispatcher, "channel_class"):
            dispatcher.channel_class = CheckedChannel
    return server
