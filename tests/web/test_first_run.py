"""A first run without the demo: the empty system leads its first visitor to set it up, once.

In the browser (zh-CN): the front page leads to the setup page; a wrong setup key is refused; the
right one creates the administrator and the top organisation and logs him in. On the command
line: `zhenggai setup`. A real `zhenggai run` whose port is taken says so in Chinese and offers
the next free port, and with --any-port serves there.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from tests.web.base import BaseTestCase
from tests.web.refusals import Snapshot, shown_messages
from zhenggai.orgs import setup
from zhenggai.orgs.models import Membership, Organisation, Role, User

ROOT = Path(__file__).resolve().parents[2]
FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]
GOOD_PASSWORD = "Zhenggai-2026-first"


def form(key: str, **changes: str) -> dict[str, str]:
    values = {
        "key": key,
        "organisation": "中共某某市委",
        "display_name": "陈管理员",
        "username": "chen",
        "password": GOOD_PASSWORD,
        "password_again": GOOD_PASSWORD,
    }
    values.update(changes)
    return values


@override_settings(PASSWORD_HASHERS=FAST)
class SetupPageTestCase(TestCase):
    def setUp(self) -> None:
        self.data_dir = Path(self.enterContext(_tmpdir()))
        self.enterContext(override_settings(DATA_DIR=self.data_dir))
        self.key = setup.setup_key()

    def test_the_front_page_and_the_login_page_lead_to_the_setup_page(self) -> None:
        for path in ("/", "/login/"):
            response = self.client.get(path)
            self.assertRedirects(response, "/setup/", fetch_redirect_response=False)
        response = self.client.get(f"/?key={self.key}", follow=True)
        self.assertContains(response, "初始设置")
        self.assertContains(response, f'value="{self.key}"')

    def test_the_right_key_creates_the_administrator_and_the_organisation_once(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/setup/", form(self.key), follow=True)
        self.assertContains(response, "初始设置已完成")
        user = User.objects.get()
        self.assertEqual((user.username, user.display_name, user.is_superuser), ("chen", "陈管理员", True))
        self.assertTrue(user.check_password(GOOD_PASSWORD))
        membership = Membership.objects.get()
        self.assertEqual((membership.organisation.name, membership.role), ("中共某某市委", Role.OFFICE))
        self.assertEqual(response.wsgi_request.user, user)  # logged in
        self.assertFalse(setup.key_path().exists())  # the key is spent
        for method in (self.client.get, self.client.post):
            response = method("/setup/")
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/login/").status_code, 200)  # no more redirect

    def refused(self, data: dict[str, str], status: int, message: str) -> None:
        before = Snapshot.take(self.data_dir)
        response = self.client.post("/setup/", data)
        self.assertEqual(response.status_code, status)
        self.assertEqual(shown_messages(response), [message])
        self.assertEqual(Snapshot.take(self.data_dir).changes_since(before), [])
        self.assertFalse(User.objects.exists())

    def test_a_wrong_key_is_refused(self) -> None:
        self.refused(
            form("wrong"),
            403,
            "设置密钥不正确：请查看运行 zhenggai run 的控制台，或数据目录中的 setup-key 文件",
        )

    def test_a_weak_or_mistyped_password_is_refused(self) -> None:
        self.refused(form(self.key, password_again="other-password-1"), 400, "两次输入的密码不一致")
        self.refused(
            form(self.key, password="12345678", password_again="12345678"),
            400,
            "这个密码太常见了。；密码只包含数字。",
        )


class SetupAfterwardsTestCase(BaseTestCase):
    def test_the_setup_page_is_gone_once_anyone_exists(self) -> None:
        key = setup.setup_key()
        with self.assertNothingChanged():
            response = self.client.post("/setup/", form(key))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/login/").status_code, 200)


@override_settings(PASSWORD_HASHERS=FAST)
class SetupCommandTestCase(TestCase):
    def test_it_sets_up_from_the_command_line_once(self) -> None:
        out = io.StringIO()
        os.environ["ZHENGGAI_ADMIN_PASSWORD"] = GOOD_PASSWORD
        self.addCleanup(os.environ.pop, "ZHENGGAI_ADMIN_PASSWORD")
        call_command(
            "setup", "--organisation", "中共某某市委", "--name", "陈管理员", "--username", "chen", stdout=out
        )
        self.assertIn(
            "初始设置已完成：管理员 陈管理员（登录名 chen），顶级组织 中共某某市委。", out.getvalue()
        )
        self.assertTrue(User.objects.get(username="chen").check_password(GOOD_PASSWORD))
        self.assertEqual(Organisation.objects.get().name, "中共某某市委")
        with self.assertRaisesMessage(CommandError, "系统已完成初始设置"):
            call_command("setup", "--organisation", "x", "--name", "y", "--username", "z")
        self.assertEqual(User.objects.count(), 1)

    def test_a_refused_password_writes_nothing(self) -> None:
        os.environ["ZHENGGAI_ADMIN_PASSWORD"] = "chen"
        self.addCleanup(os.environ.pop, "ZHENGGAI_ADMIN_PASSWORD")
        with self.assertRaisesMessage(CommandError, "密码太短，至少需要 8 个字符"):
            call_command(
                "setup", "--organisation", "中共某某市委", "--name", "陈管理员", "--username", "chen"
            )
        self.assertFalse(User.objects.exists() or Organisation.objects.exists())


# --- a real `zhenggai run` --------------------------------------------------------------------------


def _tmpdir():
    import tempfile

    return tempfile.TemporaryDirectory(prefix="zhenggai-first-run-")


def _server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHENGGAI_") and k != "DATABASE_URL"}
    env["ZHENGGAI_DATA_DIR"] = str(data_dir)
    return env


def _zhenggai() -> str:
    return str(Path(sys.executable).with_name("zhenggai"))


@pytest.fixture
def taken_port():
    """A port something else listens on, for the duration of the test."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    yield holder.getsockname()[1]
    holder.close()


def test_a_taken_port_is_named_and_the_next_free_one_offered(taken_port, tmp_path) -> None:
    done = subprocess.run(
        [_zhenggai(), "run", "--no-demo", "--port", str(taken_port)],
        env=_server_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    match = re.search(
        rf"端口 {taken_port} 已被占用.*可改用空闲端口 (\d+)：zhenggai run --port \1", done.stderr
    )
    assert match, done.stderr
    assert int(match[1]) > taken_port
    assert not (tmp_path / "zhenggai.sqlite3").exists()  # nothing done before the port was settled


def test_with_any_port_it_serves_on_the_next_free_port_and_leads_to_setup(taken_port, tmp_path) -> None:
    server = subprocess.Popen(
        [_zhenggai(), "run", "--no-demo", "--any-port", "--port", str(taken_port)],
        env=_server_env(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "整改台账已启动" in line:
                break
        output = "".join(lines)
        assert f"端口 {taken_port} 已被占用" in output, output
        address = re.search(r"整改台账已启动：(http://127\.0\.0\.1:(\d+)/)", output)
        key = re.search(r"/setup/\?key=([\w-]+)", output)
        assert address and key, output
        assert int(address[2]) != taken_port
        page = _get(address[1])  # the front page leads to the setup page
        assert "初始设置" in page
        assert "设置密钥" in page
        assert key[1] == (tmp_path / "setup-key").read_text().strip()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> str:
    for _ in range(50):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def test_the_first_visitor_sets_up_in_a_chinese_browser(page, live_server, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = FAST
    key = setup.setup_key()
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/setup/")
    page.get_by_label("设置密钥").fill("wrong-key")
    page.get_by_label("顶级组织名称").fill("中共某某市委")
    page.get_by_label("管理员姓名").fill("陈管理员")
    page.get_by_label("登录名").fill("chen")
    page.locator("#id_password").fill(GOOD_PASSWORD)
    page.get_by_label("再次输入密码").fill(GOOD_PASSWORD)
    page.get_by_role("button", name="完成设置").click()
    assert "设置密钥不正确" in page.get_by_role("alert").inner_text()
    assert not User.objects.exists()
    page.get_by_label("设置密钥").fill(key)
    page.locator("#id_password").fill(GOOD_PASSWORD)
    page.get_by_label("再次输入密码").fill(GOOD_PASSWORD)
    page.get_by_role("button", name="完成设置").click()
    page.wait_for_url(f"{live_server.url}/orgs/")
    assert "初始设置已完成" in page.content()
    assert "中共某某市委" in page.content()
    # The new administrator works on: a unit below the top organisation, from the page.
    page.get_by_label("名称").fill("办公室")
    page.get_by_role("button", name="新增组织").click()
    assert Organisation.objects.filter(name="办公室", parent__name="中共某某市委").exists()
