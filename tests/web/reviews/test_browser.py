"""A real browser: a member uploads the seed report and sees its findings highlighted in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhenggai.ledger.models import SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Membership, Organisation, Role, User

SEED = Path(__file__).resolve().parents[2] / "corpus" / "seed.txt"


@pytest.fixture
def meeting(transactional_db):
    team = Organisation.objects.create(name="机关党组")
    secretary = User.objects.create_user("secretary", password="pw-secretary", display_name="王书记")
    member = User.objects.create_user("member", password="pw-member", display_name="张委员")
    Membership.objects.create(user=secretary, organisation=team, role=Role.SECRETARY)
    Membership.objects.create(user=member, organisation=team, role=Role.MEMBER)
    source = create_source(secretary, kind=SourceKind.DEMOCRATIC_LIFE, organisation=team, year=2022)
    meeting = Meeting.objects.create(
        organisation=team, kind=SourceKind.DEMOCRATIC_LIFE, year=2022, source=source
    )
    meeting.members.set([secretary, member])
    return meeting


def test_a_member_uploads_the_seed_and_sees_findings_highlighted(page, live_server, meeting, tmp_path):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "member")
    page.fill("input[name=password]", "pw-member")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/reviews/")
    page.click("text=我的材料")
    page.set_input_files("input[name=file]", str(SEED))
    page.click("form[action$='/upload/'] button[type=submit]")
    page.wait_for_selector("text=已保存为第1版")
    assert "错误 17" in page.inner_text(".findings-summary")
    marks = page.locator("#p3 mark.error")
    assert marks.count() == 2
    assert marks.first.inner_text() == "X"
    assert "占位符“X”未填写" in (marks.first.get_attribute("title") or "")
    assert page.locator("#p3").evaluate("el => getComputedStyle(el).borderLeftColor") != "rgba(0, 0, 0, 0)"
    page.click("nav.outline >> text=二、存在的主要问题")
    assert page.url.endswith("#p10")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    report = meeting.reports.get()
    assert report.versions.get().file_name == "seed.txt"
