"""The office's Excel round trip in a Chinese browser: filter the ledger, export it, edit it in the file,
import it back from the ledger page's button, read the preview, confirm — updated, never duplicated.
"""

from __future__ import annotations

import datetime

import openpyxl
import pytest
from django.utils import timezone

from tests.web.jobs import run_worker
from tests.web.test_browser import PASSWORD, log_in
from zhenggai.documents.ledger_xlsx import COLUMNS
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Membership, Organisation, Role, User

_NAMES = [name for _, name, _ in COLUMNS]
KEY_COLUMN, MEASURE_COLUMN, OWNER_COLUMN, DEADLINE_COLUMN, STATUS_COLUMN = (
    _NAMES.index(name) + 1 for name in ("key", "measure", "owner", "deadline", "status")
)


@pytest.fixture
def ledger(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = str(tmp_path / "evidence")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    team = Organisation.objects.create(name="机关党组")
    people = {}
    for username, name, role in (("office", "李主任", Role.OFFICE), ("member", "张委员", Role.MEMBER)):
        people[username] = User.objects.create_user(username=username, password=PASSWORD, display_name=name)
        Membership.objects.create(user=people[username], organisation=team, role=role)
    source = create_source(people["office"], kind=SourceKind.DEMOCRATIC_LIFE, organisation=team, year=2021)
    problem = services.create_problem(people["office"], source=source, description="理解领悟还不够深透")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    for text in ("制定学习计划", "开展调研走访"):
        services.create_measure(
            people["office"], problem=problem, text=text, owner=people["member"], deadline=deadline
        )
    return {"team": team}


def test_export_edit_import_updates_the_ledger(page, live_server, ledger, tmp_path):
    log_in(page, live_server, "office")
    page.fill("input[name=q]", "学习计划")
    page.click("form.filters button[type=submit]")
    with page.expect_download() as download:
        page.click("#export-xlsx")  # the ledger page's button exports what the filter shows
    exported = tmp_path / "导出.xlsx"
    download.value.save_as(exported)
    wb = openpyxl.load_workbook(exported)
    ws = wb.active
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, KEY_COLUMN).value]
    assert [ws.cell(r, MEASURE_COLUMN).value for r in rows] == ["制定学习计划"]
    # In Excel: the measure reworded, and a new measure typed in below it.
    ws.cell(rows[0], MEASURE_COLUMN).value = "制定学习计划，每月研读原著两篇"
    new = rows[0] + 1
    for col, value in ((MEASURE_COLUMN, "撰写心得体会"), (OWNER_COLUMN, "张委员"), (STATUS_COLUMN, "未启动")):
        ws.cell(new, col).value = value
    ws.cell(new, DEADLINE_COLUMN).value = datetime.date(2030, 6, 30)
    edited = tmp_path / "修改后.xlsx"
    wb.save(edited)

    page.click("#import-ledger")
    page.set_input_files("input[name=file]", str(edited))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("text=检查结果")  # the upload goes with a progress bar, then the check shows
    assert "检查结果：可以导入" in page.inner_text("main")
    assert page.inner_text("#count-new") == "1"
    assert page.inner_text("#count-changed") == "1"
    assert page.inner_text("#count-missing") == "1"  # 开展调研走访, filtered out of the export: kept
    assert "整改措施：制定学习计划 → 制定学习计划，每月研读原著两篇" in page.inner_text("#changed")
    assert Measure.objects.count() == 2  # the check stored nothing
    page.click("text=确认导入（全部写入台账）")
    page.wait_for_selector(
        "#job-step", state="attached"
    )  # the job's page: the background worker stores the file
    run_worker()
    page.wait_for_selector("text=新增问题 0 个、整改措施 1 条，修改 1 条")
    texts = sorted(Measure.objects.values_list("text", flat=True))
    assert texts == ["制定学习计划，每月研读原著两篇", "开展调研走访", "撰写心得体会"]


def test_a_large_file_is_checked_with_a_progress_bar_then_its_preview_opens(
    page, live_server, ledger, tmp_path, settings
):
    settings.IMPORT_CHECK_INLINE_ROWS = 0  # every file counts as large: checked by the worker
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "问题来源", "问题描述", "整改措施", "责任人", "整改时限", "完成情况"])
    ws.append(
        [1, "2022年督查", "调查研究不够深入", "开展蹲点调研", "张委员", datetime.date(2030, 6, 30), "未启动"]
    )
    upload = tmp_path / "台账.xlsx"
    wb.save(upload)
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/ledger/import/")
    page.set_input_files("input[name=file]", str(upload))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("#job-bar")  # the job's page with its bar, waiting for the worker
    assert "检查整改台账" in page.inner_text("h1")
    run_worker()
    page.wait_for_selector("text=检查结果")  # the page opens the check's result by itself
    assert "检查结果：可以导入" in page.inner_text("main"), page.inner_text("main")
    assert page.inner_text("#count-new") == "1"
    assert "/ledger/import/checked/" in page.url
    assert Measure.objects.filter(text="开展蹲点调研").count() == 0  # the check stored nothing
    page.click("text=确认导入（全部写入台账）")
    page.wait_for_selector("#job-step", state="attached")
    run_worker()
    page.wait_for_selector("text=新增问题 1 个、整改措施 1 条")
    assert Measure.objects.filter(text="开展蹲点调研").count() == 1
