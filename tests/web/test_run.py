"""`zhenggai run`: migrates, loads the demo once, prints the address and the logins, serves with waitress."""

import io
import tempfile
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from zhenggai.orgs.models import User

FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@override_settings(PASSWORD_HASHERS=FAST)
class RunTestCase(TestCase):
    def run_command(self, *args):
        out = io.StringIO()
        with mock.patch("waitress.serve") as serve, mock.patch("signal.signal"):
            call_command("run", "--no-worker", "--any-port", *args, stdout=out)
        return out.getvalue(), serve

    def test_it_loads_the_demo_once_and_serves(self):
        with tempfile.TemporaryDirectory() as tmp, override_settings(EVIDENCE_DIR=tmp):
            out, serve = self.run_command("--port", "8123")
            self.assertIn("整改台账已启动：http://127.0.0.1:8123/", out)
            self.assertIn("演示账号（密码均为 zhenggai2021）", out)
            self.assertIn("wangshuji", out)
            users = User.objects.count()
            out, serve = self.run_command("--port", "8123", "--host", "0.0.0.0")
            self.assertIn("未重复载入", out)
            self.assertEqual(User.objects.count(), users)
        kwargs = serve.call_args.kwargs
        self.assertEqual((kwargs["host"], kwargs["port"]), ("0.0.0.0", 8123))

    def test_it_believes_a_trusted_proxy_about_the_sender(self):
        with tempfile.TemporaryDirectory() as tmp, override_settings(EVIDENCE_DIR=tmp):
            kwargs = self.run_command("--no-demo")[1].call_args.kwargs
            self.assertNotIn("trusted_proxy", kwargs)
            with override_settings(TRUSTED_PROXY="10.0.0.5"):
                kwargs = self.run_command("--no-demo")[1].call_args.kwargs
        self.assertEqual(kwargs["trusted_proxy"], "10.0.0.5")
        self.assertEqual(kwargs["trusted_proxy_headers"], {"x-forwarded-for"})

    def test_it_refuses_a_bad_port(self):
        with self.assertRaisesMessage(CommandError, "端口"):
            self.run_command("--port", "70000")

    def test_it_refuses_no_server_process(self):
        with self.assertRaisesMessage(CommandError, "服务进程数至少为 1"):
            self.run_command("--processes", "0")
