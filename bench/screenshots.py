"""Take the README's screenshots (docs/screenshot-*.png) from the demo, in a Chinese browser.

    .venv/bin/python bench/screenshots.py [--out docs]

Starts the real server (`zhenggai run`, which loads the demo) on a fresh SQLite database in a temporary
folder, logs in as the demo's office (李文华) in Debian's Chromium set to zh-CN and Beijing time, and
saves one picture per page. Nothing is asserted: look at the pictures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import AppServer, fresh_database, server_environment
from tests.browser import ARGS, CHINESE, CHROMIUM

#: file name → (path, what to wait for, full page?)
SHOTS = {
    "screenshot-ledger.png": ("/?sort=deadline", "#ledger", False),
    "screenshot-dashboard.png": ("/dashboard/", "#summary", False),
    "screenshot-report.png": ("", "main", False),
}


def report_path(page: Any, url: str) -> str:
    """The report the demo returned with comments (刘洋's), found through the meeting's review board."""
    page.goto(f"{url}/reviews/")
    page.goto(url + str(page.locator("a[href^='/reviews/meetings/']").first.get_attribute("href")))
    row = page.locator("tr", has_text="刘洋").first
    return str(row.locator("a[href^='/reviews/reports/']").first.get_attribute("href"))


def take(url: str, out: Path) -> None:
    """Log in as the office and save every picture of SHOTS into `out`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(**CHINESE, viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(f"{url}/login/")
        page.fill("input[name=username]", "libangong")
        page.fill("input[name=password]", "zhenggai2021")
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")
        for name, (path, ready, full) in SHOTS.items():
            page.goto(url + (path or report_path(page, url)))
            page.wait_for_selector(ready)
            page.screenshot(path=str(out / name), full_page=full)
            print(out / name)
        browser.close()


def main() -> None:
    """Start the server with the demo, take the pictures, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhenggai-shots-") as tmp:
        data = Path(tmp)
        with fresh_database(data, None) as database:
            env = server_environment(data, database)
            with AppServer(env, log=data / "server.log") as server:
                take(server.url, args.out)


if __name__ == "__main__":
    main()
