"""The ledger page printed from the browser: A4 landscape, the table only, every column on the page.

Chromium prints the page to PDF (`page.pdf()`, print media, the page's own @page size) and
pdfplumber reads where each character landed.
"""

from __future__ import annotations

import datetime
import io
import unicodedata

import pdfplumber
import pytest
from django.utils import timezone

from tests.web.test_browser import PASSWORD, log_in
from zhenggai.ledger import services
from zhenggai.ledger.models import SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Membership, Organisation, Role, User

A4_LANDSCAPE = (841.9, 595.3)
HEADERS = ["编号", "问题来源", "问题", "整改措施", "责任人", "责任单位", "时限", "状态"]
MEASURE = "严格落实“第一议题”制度，制定个人学习计划并建立学习台账，每月研读原著原文不少于两篇，形成心得体会"


@pytest.fixture
def office_ledger(transactional_db, settings):
    """Forty measures of twenty problems, long texts, owners and units, some overdue."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    team = Organisation.objects.create(name="机关党组")
    office = User.objects.create_user(username="office", password=PASSWORD, display_name="李主任")
    Membership.objects.create(user=office, organisation=team, role=Role.OFFICE)
    owner = User.objects.create_user(username="member", password=PASSWORD, display_name="欧阳明月")
    Membership.objects.create(user=owner, organisation=team, role=Role.MEMBER)
    source = create_source(
        office, kind=SourceKind.INSPECTION, organisation=team, inspecting_body="市委第三巡察组"
    )
    today = timezone.localdate()
    for p in range(20):
        problem = services.create_problem(
            office,
            source=source,
            description=f"第{p + 1}个问题：落实全面从严治党主体责任不够到位，压力传导层层递减",
        )
        for m in range(2):
            services.create_measure(
                office,
                problem=problem,
                text=MEASURE * (1 + m),
                owner=owner,
                deadline=today + datetime.timedelta(days=5 + p + m),
            )
    return office


def test_the_ledger_page_prints_the_table_only_on_a4_landscape(page, live_server, office_ledger):
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/")
    assert page.locator("#ledger tbody tr").count() == 40
    page.emulate_media(media="print")
    for hidden in ("header.top", "form.filters", ".pager"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        # NFKC: the PDF's text names some characters by their radicals (⼈ for 人)
        pages = [
            (p.width, p.height, unicodedata.normalize("NFKC", p.extract_text()), p.chars)
            for p in document.pages
        ]
    assert 2 <= len(pages) <= 5
    for number, (width, height, text, chars) in enumerate(pages, 1):
        assert (width, height) == pytest.approx(A4_LANDSCAPE, abs=1), f"第{number}页不是A4横向"
        flat = text.replace(" ", "").replace("\n", "")
        # the header on every page, no navigation, filters or buttons
        assert all(h in flat for h in HEADERS), f"第{number}页没有表头"
        for word in ("看板", "退出", "筛选", "清除", "下一页"):
            assert word not in flat, f"第{number}页印出了“{word}”"
        # every column inside the page's margins (10 mm = 28.3 pt)
        assert min(c["x0"] for c in chars) >= 28 and max(c["x1"] for c in chars) <= width - 28
    first = pages[0][2].replace(" ", "")
    assert first.lstrip().startswith("整改台账")
    assert "市委第三巡察组" in first and "第1个问题" in first  # the rows begin on page 1
