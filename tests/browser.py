"""Real-browser fixtures (a pytest plugin, loaded by tests/conftest.py): Debian's Chromium driven by Playwright, as our users' browsers are set up.

Every page opens in a Chinese browser (`locale="zh-CN"`, `timezone_id="Asia/Shanghai"`): the
language every office PC sends, which changes how Django renders dates and numbers. `phone` is
the same at the 390 px width of the phone a member carries. The tests are skipped with a reason
when /usr/bin/chromium is missing — except on CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHINESE = {"locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
PHONE = {**CHINESE, "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium, closed after the test."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI 上必须有 {CHROMIUM}（.ci/run 会用 apt-get install chromium 安装）")
        pytest.skip(f"没有 {CHROMIUM}：运行 apt-get install -y chromium 后可进行浏览器测试")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page of a desktop browser set to Chinese and Beijing time."""
    context = browser.new_context(**CHINESE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page of a phone 390 px wide, set to Chinese and Beijing time."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()
