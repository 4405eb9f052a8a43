"""`zhenggai run`: migrate, load the demo if absent, start the background worker, serve with waitress."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import signal
import socket
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from zhenggai.orgs import setup
from zhenggai.web import demo, limits

#: How far past a taken port `run` looks for a free one.
PORTS_TRIED = 20


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
    """`zhenggai run`: migrate, load the demo (unless --no-demo), start the background worker (unless
    --no-worker), then serve with waitress until stopped; the worker stops with it.

    Raises CommandError for a port outside 1–65535, before anything is done.
    """

    help = "迁移数据库、载入演示数据（如尚未载入），并启动网站。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--no-demo", action="store_true", help="不载入演示数据")
        parser.add_argument("--threads", type=int, default=8, help="每个进程的工作线程数")
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="服务进程数（默认 1；PostgreSQL 上多人同时使用时可设为处理器核数）",
        )
        parser.add_argument(
            "--any-port", action="store_true", help="端口被占用时不询问，直接改用下一个空闲端口"
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="不启动后台任务进程（另行运行 zhenggai db_worker 时）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError("端口必须在 1–65535 之间")
        check_processes(options["processes"])
        refuse_public_without_hosts(options["host"])
        host = options["host"]
        port = self.choose_port(host, options["port"], take_next=options["any_port"], ask=sys.stdin.isatty())
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            self.stdout.write("演示数据已载入。" if demo.load() else "演示数据已存在，未重复载入。")
            self.stdout.write(logins())
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        if setup.needed():
            self.stdout.write(
                f"首次使用：请在浏览器打开 http://{shown}:{port}/setup/?key={setup.setup_key()} "
                "创建第一位管理员和顶级组织（或在另一个终端运行 zhenggai setup）。"
            )
        # SIGTERM (systemd, a test) stops the server like Ctrl+C does, so the worker stops with it.
        signal.signal(signal.SIGTERM, _stop)
        worker = None if options["no_worker"] else start_worker()
        if worker is not None:
            self.stdout.write(f"后台任务进程已启动（进程号 {worker.pid}）。")
        self.stdout.write(f"整改台账已启动：http://{shown}:{port}/  （按 Ctrl+C 停止）")
        self.stdout.flush()
        try:
            serve(host, port, threads=options["threads"], processes=options["processes"])
        finally:
            if worker is not None:
                stop_worker(worker)

    def choose_port(self, host: str, port: int, *, take_next: bool, ask: bool) -> int:
        """`port` when free; else the next free one — asked for at a terminal, taken with --any-port.

        Raises CommandError naming the free port when not at a terminal (e.g. a script or a service).
        """
        if port_is_free(host, port):
            return port
        free = next_free_port(host, port)
        taken = f"端口 {port} 已被占用（可能已有一个整改台账或其他程序在运行）。"
        if free is None:
            raise CommandError(f"{taken}其后 {PORTS_TRIED} 个端口也都被占用，请用 --port 指定一个空闲端口。")
        if take_next:
            self.stdout.write(f"{taken}改用空闲端口 {free}。")
            return free
        if ask:
            answer = input(f"{taken}改用空闲端口 {free} 吗？[Y/n] ").strip().lower()
            if answer in ("", "y", "yes", "是"):
                return free
        raise CommandError(
            f"{taken}可改用空闲端口 {free}：zhenggai run --port {free}（或 make run PORT={free}）。"
        )


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def check_processes(processes: int) -> None:
    """CommandError unless `processes` can be served here (more than one needs fork: Linux, macOS)."""
    if processes < 1:
        raise CommandError("服务进程数至少为 1")
    if processes > 1 and not hasattr(os, "fork"):
        raise CommandError("本系统不支持多个服务进程（需要 Linux 或 macOS），请去掉 --processes")


def serve(host: str, port: int, *, threads: int, processes: int) -> None:
    """waitress until stopped; with `processes` > 1, that many copies of it accepting on one socket.

    The listening socket is bound once, here; each process then runs its own waitress (its own
    threads and database connections — none is open at the fork) on it, and the kernel hands each
    new connection to one of them. Every shared state lives in the database (sessions, the opinion
    rate limit, login attempts), so the processes need nothing from each other. Stopping this
    process (Ctrl+C, SIGTERM) stops the others.
    """
    import waitress

    from zhenggai.web.wsgi import application

    options = {"threads": threads, "ident": "zhenggai", "_server": limits.create_server, **proxy_options()}
    if processes == 1:
        waitress.serve(application, host=host, port=port, **options)
        return
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address)
    listener.listen(1024)
    connections.close_all()
    children = []
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:  # a copy: serve until stopped, then leave without the parent's clean-up
            try:
                waitress.serve(application, sockets=[listener], **options)
            finally:
                os._exit(0)
        children.append(pid)
    try:
        waitress.serve(application, sockets=[listener], **options)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def start_worker() -> subprocess.Popen[bytes]:
    """The background worker (django-tasks-db's db_worker) as a child process of this server."""
    command = [sys.executable, "-m", "zhenggai", "db_worker", "--verbosity", "0", "--no-reload"]
    return subprocess.Popen(command)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to stop (it finishes or abandons its task cleanly), then wait for it."""
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def port_is_free(host: str, port: int) -> bool:
    """True when a server could listen on `host`:`port` now (nothing else holds it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def next_free_port(host: str, port: int) -> int | None:
    """The first free port after `port` (within PORTS_TRIED), or None."""
    return next(
        (p for p in range(port + 1, min(port + 1 + PORTS_TRIED, 65536)) if port_is_free(host, p)), None
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
