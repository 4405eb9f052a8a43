"""Real local servers a test starts and stops: an SMTP server (aiosmtpd) and an HTTP receiver for webhooks."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received: one parsed message per delivery, with its envelope recipients."""

    messages: list[Any] = field(default_factory=list)
    port: int = 0

    def for_address(self, address: str) -> list[Any]:
        return [m for m in self.messages if address in m["X-Rcpt"]]


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it is given."""
    from aiosmtpd.controller import Controller

    box = Mailbox(port=free_port())

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            message["X-Rcpt"] = ",".join(envelope.rcpt_tos)
            box.messages.append(message)
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Received:
    """What the HTTP receiver got: (path with query, headers, JSON body) per request."""

    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)
    url: str = ""
    #: What the receiver answers, as the robots of 企业微信 and 钉钉 do.
    answer: dict[str, Any] = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})


@contextmanager
def http_receiver() -> Iterator[Received]:
    """A real HTTP server on 127.0.0.1 that records every POST and answers like a group robot."""
    got = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got.requests.append((self.path, dict(self.headers), json.loads(body.decode("utf-8"))))
            answer = json.dumps(got.answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    got.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield got
    finally:
        server.shutdown()
        server.server_close()
