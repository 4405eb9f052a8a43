"""`zhenggai run`: migrate, load the demo if absent, and serve the app with waitress."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhenggai.web import demo


def logins() -> str:
    """The demo logins with the shared password and what each person may do, as the commands print them."""
    lines = [f"演示账号（密码均为 {demo.PASSWORD}）："]
    lines += [f"  {p.username:<10} {p.name}　{p.note}" for p in demo.PEOPLE]
    return "\n".join(lines)


def is_local(host: str) -> bool:
    """True for an address only this machine can reach: localhost or a loopback address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_public_without_hosts(host: str) -> None:
    """Serving beyond this machine needs ALLOWED_HOSTS: the names people will type to reach it."""
    if is_local(host) or not all(is_local(name) for name in settings.ALLOWED_HOSTS):
        return
    raise CommandError(
        f"监听 {host} 会让其他计算机访问本系统，请先设置环境变量 ALLOWED_HOSTS 为访问本系统所用的域名或 IP 地址"
        "（多个用英文逗号分隔），例如：ALLOWED_HOSTS=zhenggai.example.gov.cn,192.0.2.10 zhenggai run --host 0.0.0.0。"
        "只在本机使用时请去掉 --host（默认 127.0.0.1）。"
    )


class Command(BaseCommand):
    """`zhenggai run`: migrate, load the demo (unless --no-demo), then serve with waitress until stopped.

    Raises CommandError for a port outside 1–65535, before anything is done.
    """

    help = "迁移数据库、载入演示数据（如尚未载入），并启动网站。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--no-demo", action="store_true", help="不载入演示数据")
        parser.add_argument("--threads", type=int, default=8, help="工作线程数")

    def handle(self, *args: Any, **options: Any) -> None:
        import waitress

        from zhenggai.web.wsgi import application

        if not 0 < options["port"] < 65536:
            raise CommandError("端口必须在 1–65535 之间")
        refuse_public_without_hosts(options["host"])
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            self.stdout.write("演示数据已载入。" if demo.load() else "演示数据已存在，未重复载入。")
            self.stdout.write(logins())
        host, port = options["host"], options["port"]
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.stdout.write(f"整改台账已启动：http://{shown}:{port}/  （按 Ctrl+C 停止）")
        self.stdout.flush()
        waitress.serve(
            application, host=host, port=port, threads=options["threads"], ident="zhenggai", **proxy_options()
        )


def proxy_options() -> dict[str, Any]:
    """Behind a reverse proxy, take the sender's address from its X-Forwarded-For (the rate limit counts it)."""
    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-for"},
        "clear_untrusted_proxy_headers": True,
    }
