"""Two app servers, one system: one person's journey alternating between two `zhenggai run` processes.

Each server has a data folder of its own; they share the database (a SQLite file here, a database
of its own on the suite's PostgreSQL server when DATABASE_URL names one, as in CI), the evidence
folder and SECRET_KEY, as docs/deploy.md says a deployment must. One cookie jar for both is one
browser behind a load balancer that sends each request to either server.
"""

from __future__ import annotations

import http.cookiejar
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bench.browser import Browser
from bench.servers import AppServer, fresh_database, loaddata, server_environment

from tests.web.test_load import suite_postgres

SENDER_LIMIT = 3


@dataclass
class TwoServers:
    a: AppServer
    b: AppServer
    prepared: dict[str, Any]
    evidence_dir: Path


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoServers]:
    root = tmp_path_factory.mktemp("two-servers")
    shared, evidence = root / "shared", root / "shared" / "evidence"
    evidence.mkdir(parents=True)
    with fresh_database(shared, suite_postgres()) as database_url:
        settings = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ZHENGGAI_EVIDENCE_DIR": str(evidence),
            "ZHENGGAI_OPINION_SENDER_LIMIT": str(SENDER_LIMIT),
        }
        environments = []
        for name in ("a", "b"):
            (root / name).mkdir()
            environments.append(server_environment(root / name, database_url, **settings))
        prepared = loaddata(environments[0], "setup", "1")
        with (
            AppServer(environments[0], log=root / "a.log") as a,
            AppServer(environments[1], log=root / "b.log") as b,
        ):
            yield TwoServers(a, b, prepared, evidence)
            logs = a.output() + b.output()
        assert "Traceback" not in logs, logs[-3000:]


def test_one_journey_across_two_servers(servers: TwoServers) -> None:
    person, prepared = servers.prepared["people"][0], servers.prepared
    jar = http.cookiejar.CookieJar()
    on_a, on_b = Browser(servers.a.url, cookies=jar), Browser(servers.b.url, cookies=jar)

    # Logged in on A, known on B: the session lives in the database, signed with the shared key.
    assert on_a.log_in(person["username"], prepared["password"]).status == 302
    ledger = on_b.get("/")
    assert ledger.status == 200 and ledger.has("测试0的整改措施")

    # Progress with evidence posted on A; read and downloaded on B.
    measure = f"/measures/{person['measure']}/"
    sent = "两台服务器之间的佐证材料。\n".encode() * 50
    files_before = set(servers.evidence_dir.rglob("*.*"))  # the demo's
    posted = on_a.submit(
        on_a.get(measure),
        f"{measure}progress/",
        {"text": "在 A 上填报的进展：已召开专题会议。"},
        files={"files": ("会议纪要.txt", sent)},
    )
    assert posted.status == 302
    page = on_b.get(measure)
    assert page.has("在 A 上填报的进展") and page.has("会议纪要.txt")
    download = re.search(r'href="(/evidence/\d+/)"', page.body)
    assert download, page.body[:2000]
    got = on_b.get(download.group(1))
    assert got.status == 200 and got.body.encode() == sent
    (stored,) = set(servers.evidence_dir.rglob("*.*")) - files_before  # one file, in the shared folder
    assert stored.read_bytes() == sent

    # A report uploaded on B is read on A (the file is kept in the database).
    report = f"/reviews/reports/{person['report']}/"
    text = "对照检查材料\n一、存在的问题\n（一）在学习方面：在 B 上传的第一版。\n"
    uploaded = on_b.submit(
        on_b.get(report), f"{report}upload/", {}, files={"file": ("材料.txt", text.encode())}
    )
    assert uploaded.status == 302
    page = on_a.get(report)
    assert page.has("第1版") and page.has("文件“材料.txt”") and page.has("上传的第一版")

    # Evidence deleted on B is gone for A too, file and all.
    deleted = on_b.submit(on_b.get(measure), f"{download.group(1)}delete/", {})
    assert deleted.status == 302
    assert on_a.get(download.group(1)).status == 404
    assert not stored.exists()

    # Logged out on A, logged out everywhere.
    assert on_a.submit(on_a.get("/"), "/logout/", {}).status == 302
    assert on_b.get("/").status == 302


def test_the_opinion_rate_limit_counts_across_both_servers(servers: TwoServers) -> None:
    link = f"/meetings/o/{servers.prepared['link']}/"
    answers = []
    for n in range(SENDER_LIMIT + 1):
        visitor = Browser((servers.a if n % 2 == 0 else servers.b).url)
        page = visitor.get(link)
        sent = visitor.submit(page, link, {"text": f"第{n + 1}条意见：希望多到基层一线调研。"})
        answers.append((sent.status, sent.has("提交成功"), sent.has("请过几分钟再提交")))
    # A, B, A within the sender's limit; the fourth, on B, is over it although B has seen only one.
    assert answers == [(200, True, False)] * SENDER_LIMIT + [(429, False, True)]
