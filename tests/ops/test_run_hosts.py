"""`zhenggai run` serves beyond this machine only when ALLOWED_HOSTS names the site (told in Chinese)."""

from __future__ import annotations

import io
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

LOCAL = ["localhost", "127.0.0.1", "[::1]"]


class RunHostsTestCase(TestCase):
    def serve(self, *args: str) -> mock.MagicMock:
        with (
            mock.patch("waitress.serve") as serve,
            mock.patch("zhenggai.web.management.commands.run.call_command"),
        ):
            call_command("run", "--no-demo", "--no-worker", "--any-port", *args, stdout=io.StringIO())
        return serve

    @override_settings(ALLOWED_HOSTS=LOCAL)
    def test_it_refuses_every_address_without_allowed_hosts(self) -> None:
        for host in ("0.0.0.0", "::", "192.0.2.10"):
            with self.assertRaises(CommandError) as refused:
                self.serve("--host", host)
            message = str(refused.exception)
            self.assertIn(f"监听 {host} 会让其他计算机访问本系统，请先设置环境变量 ALLOWED_HOSTS", message)
            self.assertIn("ALLOWED_HOSTS=zhenggai.example.gov.cn", message)

    @override_settings(ALLOWED_HOSTS=LOCAL)
    def test_it_serves_this_machine_without_allowed_hosts(self) -> None:
        for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
            self.assertEqual(self.serve("--host", host).call_args.kwargs["host"], host)

    @override_settings(ALLOWED_HOSTS=["zhenggai.example.gov.cn"])
    def test_it_serves_everyone_once_allowed_hosts_is_set(self) -> None:
        self.assertEqual(self.serve("--host", "0.0.0.0").call_args.kwargs["host"], "0.0.0.0")
