"""`zhenggai check --deploy` is Django's deployment check, clean with the settings docs/deploy.md documents."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.systems import REPOSITORY

DEPLOY_DOC = REPOSITORY / "docs" / "deploy.md"


def documented_environment() -> dict[str, str]:
    """The KEY=VALUE lines of the ```env block in docs/deploy.md."""
    block = re.search(r"```env\n(.*?)```", DEPLOY_DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/deploy.md has no ```env block of production settings"
    pairs = [
        line.split("=", 1) for line in block.group(1).splitlines() if "=" in line and not line.startswith("#")
    ]
    return {key.strip(): value.strip() for key, value in pairs}


def clean_environment() -> dict[str, str]:
    """Only what a shell needs: none of the test run's own settings (DATABASE_URL, DJANGO_ALLOW_ASYNC_UNSAFE…)."""
    return {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}


def zhenggai(args: list[str], env: dict[str, str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    full = (
        clean_environment()
        | env
        | {"ZHENGGAI_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPOSITORY / "src")}
    )
    return subprocess.run(
        [sys.executable, "-m", "zhenggai", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    env = documented_environment()
    assert env["DEBUG"] == "false" and env["ALLOWED_HOSTS"]
    done = zhenggai(["check", "--deploy", "--fail-level", "DEBUG"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_it_warns_about_a_default_installation(tmp_path: Path) -> None:
    done = zhenggai(["check", "--deploy", "--fail-level", "WARNING"], {}, tmp_path)
    assert done.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in done.stderr


def test_check_without_deploy_still_reads_documents(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("一、存在的问题\n（一）在学习方面。理解不深。\n", encoding="utf-8")
    done = zhenggai(["check", str(report), "--json"], {}, tmp_path)
    assert done.stdout.startswith('{"findings"'), done.stdout + done.stderr


@pytest.mark.parametrize(
    ("name", "value", "setting", "expected"),
    [
        ("SECURE_HSTS_SECONDS", "31536000", "SECURE_HSTS_SECONDS", "31536000"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "True"),
        ("SECURE_HSTS_PRELOAD", "true", "SECURE_HSTS_PRELOAD", "True"),
        ("SECURE_SSL_REDIRECT", "true", "SECURE_SSL_REDIRECT", "True"),
        ("SESSION_COOKIE_SECURE", "true", "SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "true", "CSRF_COOKIE_SECURE", "True"),
        ("ZHENGGAI_BEHIND_PROXY", "true", "SECURE_PROXY_SSL_HEADER", "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("ALLOWED_HOSTS", "a.example,b.example", "ALLOWED_HOSTS", "['a.example', 'b.example']"),
        ("", "", "ALLOWED_HOSTS", "['localhost', '127.0.0.1', '[::1]']"),
        ("", "", "SECURE_HSTS_SECONDS", "0"),
    ],
)
def test_security_settings_come_from_the_environment(
    tmp_path: Path, name: str, value: str, setting: str, expected: str
) -> None:
    code = f"from zhenggai.web import settings; print(repr(getattr(settings, {setting!r}, None)))"
    env = {name: value} if name else {}
    full = (
        clean_environment()
        | env
        | {"ZHENGGAI_DATA_DIR": str(tmp_path), "PYTHONPATH": str(REPOSITORY / "src")}
    )
    done = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == expected
