"""The real server (`zhenggai run`, which starts its background worker itself) in a real browser: an
import uploads with a progress bar, is stored by the worker while the job's bar follows it, and a body
over the page's limit is answered 413 in Chinese right after its headers, before any of it is sent."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.servers import AppServer, fresh_database, server_environment

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.test_load import suite_postgres

PASSWORD = "zhenggai2021"  # the demo's (web/demo.py)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    root = tmp_path_factory.mktemp("background")
    with (
        fresh_database(root, suite_postgres()) as database_url,
        AppServer(server_environment(root, database_url), log=root / "server.log", threads=4) as app,
    ):
        yield app
        log = app.output()
    assert "后台任务进程已启动" in log
    assert "Traceback" not in log, log[-3000:]


def test_an_oversize_body_is_answered_413_in_chinese_before_it_is_sent(server: AppServer) -> None:
    head = (
        "POST /ledger/import/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        "Content-Type: multipart/form-data; boundary=zhenggai\r\n"
        f"Content-Length: {200 * 1024 * 1024}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as conn:
        conn.sendall(head.encode())  # the headers only: the 200 MB never come
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    status, _, body = answer.partition(b"\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    text = body.decode("utf-8")
    assert "text/html; charset=utf-8" in text
    assert "<h1>上传的内容过大</h1>" in text
    assert "本次上传的内容约 200.0 MB，超过本页面的上限 50 MB，没有上传。请压缩文件或分几次上传。" in text


def test_the_worker_runs_below_the_pages(server: AppServer) -> None:
    """Indexing for 查重 yields the processor to the people clicking (cli.lower_priority)."""
    worker = server.worker()
    assert worker is not None
    own = os.getpriority(os.PRIO_PROCESS, server.process.pid)
    assert os.getpriority(os.PRIO_PROCESS, worker) == min(own + 10, 19)


@pytest.mark.parametrize(("setting", "lower"), [(None, 10), ("0", 0), ("3", 3), ("40", 19), ("高", 10)])
def test_the_worker_s_niceness_is_a_setting(setting: str | None, lower: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ZHENGGAI_WORKER_NICE"}
    if setting is not None:
        env["ZHENGGAI_WORKER_NICE"] = setting
    script = "import os; from zhenggai.cli import lower_priority; lower_priority(); print(os.nice(0))"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert int(done.stdout) == min(os.nice(0) + lower, 19)


def log_in(page, server: AppServer, username: str) -> None:
    page.goto(f"{server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


def test_an_oversize_evidence_file_in_the_browser_gets_the_chinese_413(
    server: AppServer, page, tmp_path: Path
) -> None:
    log_in(page, server, "zhangwei")
    measure = page.locator("#ledger tbody tr a").first.get_attribute("href")
    page.goto(f"{server.url}{measure}")
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024))
    page.set_input_files("input[type=file]", str(big))
    page.fill("textarea[name=text]", "上传过大的佐证材料")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").first.click()
    page.wait_for_selector("text=上传的内容过大")
    assert "本次上传的内容约 25.0 MB，超过本页面的上限 20 MB，没有上传。" in page.locator("main").inner_text()
    page.goto(f"{server.url}{measure}")
    assert page.locator("text=上传过大的佐证材料").count() == 0


def test_an_import_uploads_with_progress_and_the_worker_stores_it(
    server: AppServer, page, tmp_path: Path
) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, server, "libangong")

    rows = [
        [
            n,
            "2022年督查",
            f"后台导入的问题{n}",
            f"后台导入的措施{n}",
            "张伟",
            "办公室",
            "2022年3月31日",
            "",
            "正在推进",
            "",
        ]
        for n in range(1, 41)
    ]
    file = tmp_path / "台账.xlsx"
    file.write_bytes(ledger_xlsx(rows))
    page.goto(f"{server.url}/ledger/import/")
    # Whatever the upload shows is kept in the window, which outlives the page the answer replaces.
    page.evaluate(
        """() => {
          window.uploadTexts = [];
          new MutationObserver(() => {
            const label = document.querySelector('.upload-progress span');
            if (label) window.uploadTexts.push(label.textContent);
          }).observe(document.body, {subtree: true, childList: true, characterData: true});
        }"""
    )
    page.set_input_files("input[name=file]", str(file))
    with page.expect_request(lambda r: r.method == "POST") as sent:
        page.click("button:has-text('检查')")
    assert sent.value.resource_type == "xhr"  # sent by progress.js, which shows the upload's progress
    page.wait_for_selector("text=检查结果：可以导入")
    assert page.url == f"{server.url}/ledger/import/"
    texts = page.evaluate("window.uploadTexts")
    assert texts[0] == "正在上传…" and "已上传，正在处理…" in texts, texts

    page.click("button:has-text('确认导入')")
    page.wait_for_url(f"{server.url}/jobs/**")
    assert page.locator("h1").inner_text() == "导入整改台账"
    # The worker `zhenggai run` started stores it; the page's script follows the job to its end.
    page.wait_for_selector("#job-result:not([hidden])", timeout=120_000)
    assert page.locator("#job-state").inner_text() == "已完成"
    assert page.locator("#job-bar").evaluate("bar => bar.value") == 100
    assert page.locator("#job-percent").inner_text() == "100%"
    assert "问题 40 个、整改措施 40 条" in page.locator("#job-message").inner_text()
    page.click("#job-link")
    page.wait_for_url(f"{server.url}/?sort=-updated")
    assert page.locator("text=后台导入的措施40").count() >= 1
    assert blocked == []
