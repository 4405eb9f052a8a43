"""A browser in the standard library: a cookie jar, one kept-alive connection, forms filled in from the page.

    browser = Browser("http://127.0.0.1:8000")
    browser.log_in("zhangwei", "zhenggai2021")
    page = browser.get("/measures/7/")
    response = browser.submit(page, "/measures/7/progress/", {"text": "…"}, files={"files": ("a.txt", b"…")})

`submit` posts the form of the page whose action is the given path, with the values the page put
in it (the CSRF token, hidden fields, defaults) and the ones given, as a person's browser would.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import secrets
import time
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

FileField = tuple[str, bytes]  # (file name, content)


@dataclass
class Response:
    status: int  # 0: no answer (connection refused, reset or timed out)
    body: str
    location: str
    seconds: float
    path: str = ""

    def has(self, text: str) -> bool:
        return text in self.body


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Every <form> of a page with the values its inputs, textareas and selects start with."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", "")))
        elif not self.forms or "name" not in a:
            return
        elif tag == "input" and a.get("type", "text") not in {
            "submit",
            "button",
            "file",
            "checkbox",
            "radio",
        }:
            self.forms[-1].fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1].fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.forms[-1].fields.setdefault(a["name"], "")
        if tag == "option" and self._select and self.forms and "selected" in a:
            self.forms[-1].fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """One person's browser against one server: cookies kept, redirects not followed (each request is measured)."""

    def __init__(
        self, base_url: str, *, cookies: http.cookiejar.CookieJar | None = None, timeout: float = 60
    ) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        # Shared by two Browsers, one jar is one person reaching two servers behind a load balancer.
        self.cookies = cookies if cookies is not None else http.cookiejar.CookieJar()
        self._connection: http.client.HTTPConnection | None = None

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str], files: dict[str, FileField] | None = None) -> Response:
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = urlencode(data).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body, {"Content-Type": content_type})

    def submit(
        self, page: Response, action: str, data: dict[str, str], files: dict[str, FileField] | None = None
    ) -> Response:
        """Post the page's form whose action is `action` (or the page itself, for a form without one)."""
        for form in forms(page.body):
            if (form.action or page.path) == action:
                return self.post(action, {**form.fields, **data}, files)
        raise LookupError(f"no form posting to {action} on {page.path} (status {page.status})")

    def log_in(self, username: str, password: str) -> Response:
        page = self.get("/login/")
        return self.submit(page, "/login/", {"username": username, "password": password})

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        path = quote(path, safe="/?&=%:+,;@!$'()*-._~")  # 学习 → %E5%AD%A6%E4%B9%A0, as a browser sends it
        url = self.base_url + path
        asked = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
        self.cookies.add_cookie_header(asked)
        started = time.perf_counter()
        # A GET on a kept-alive connection the server has closed is sent again on a new one, once;
        # a POST never is (the server may have done it): its failure is an answer of its own.
        for attempt in (1, 2) if method == "GET" else (2,):
            try:
                connection = self._connect()
                connection.request(method, path, body, dict(asked.header_items()))
                answer = connection.getresponse()
                content = answer.read()
                break
            except (OSError, http.client.HTTPException):  # refused, reset, closed, timed out, garbled
                self.close()
                if attempt == 2:
                    return Response(0, "", "", time.perf_counter() - started, path)
        seconds = time.perf_counter() - started
        self.cookies.extract_cookies(answer, asked)  # type: ignore[arg-type]  # HTTPResponse has info()
        text = content.decode("utf-8", errors="replace")
        return Response(answer.status, text, answer.getheader("Location", ""), seconds, path)

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def multipart(data: dict[str, str], files: dict[str, FileField]) -> tuple[bytes, str]:
    boundary = f"----zhenggai{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in data.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
