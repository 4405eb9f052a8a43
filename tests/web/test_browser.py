"""Real-browser tests of the ledger pages: Chromium set to Chinese (see conftest.py) against a live server."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, Progress, SourceKind, Status
from zhenggai.ledger.sources import create_source
from zhenggai.meetings import services as meetings
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Membership, Organisation, Role, User

PASSWORD = "browser-password"


def team_of(settings, tmp_path, *people: tuple[str, str, str]) -> tuple[Organisation, dict[str, User]]:
    """机关党组 with `people` (username, name, role) who log in with PASSWORD (hashed fast), evidence
    kept under `tmp_path`."""
    settings.EVIDENCE_DIR = str(tmp_path / "evidence")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    team = Organisation.objects.create(name="机关党组")
    users = {}
    for username, name, role in people:
        user = User.objects.create_user(username=username, password=PASSWORD, display_name=name)
        Membership.objects.create(user=user, organisation=team, role=role)
        users[username] = user
    return team, users


def meeting_2021(actor: User, team: Organisation, *members: User) -> Meeting:
    """The 2021 民主生活会 of `team` on the theme 党史学习教育专题, held on 2021-12-20."""
    return meetings.create_meeting(
        actor,
        organisation=team,
        kind=SourceKind.DEMOCRATIC_LIFE,
        year=2021,
        theme="党史学习教育专题",
        date=datetime.date(2021, 12, 20),
        members=list(members),
    )


@pytest.fixture
def ledger(transactional_db, settings, tmp_path):
    team, people = team_of(
        settings, tmp_path, ("secretary", "王书记", Role.SECRETARY), ("member", "张委员", Role.MEMBER)
    )
    source = create_source(people["secretary"], kind=SourceKind.DEMOCRATIC_LIFE, organisation=team, year=2021)
    problem = services.create_problem(people["secretary"], source=source, description="理解领悟还不够深透")
    today = timezone.localdate()
    late = services.create_measure(
        people["secretary"],
        problem=problem,
        text="制定学习计划",
        owner=people["member"],
        deadline=today + datetime.timedelta(days=1),
    )
    Measure.objects.filter(pk=late.pk).update(deadline=today - datetime.timedelta(days=3))
    return {"people": people, "measure": late}


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_it_logs_in_and_opens_the_ledger(page, live_server, ledger):
    log_in(page, live_server, "member")
    row = page.locator("#ledger tbody tr").first
    assert "制定学习计划" in row.inner_text()
    assert row.get_attribute("class") == "overdue"
    # The stylesheet came from the app and paints overdue rows red.
    background = row.locator("td").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(253, 231, 230)"


def test_it_posts_progress_with_evidence(page, live_server, ledger, tmp_path):
    proof = tmp_path / "会议记录.pdf"
    proof.write_bytes(b"%PDF-1.4 minutes")
    log_in(page, live_server, "member")
    page.click("#ledger tbody tr a >> nth=0")
    page.fill("#progress-form textarea[name=text]", "已召开专题学习会")
    page.select_option("#progress-form select[name=status]", "in_progress")
    page.set_input_files("#progress-form input[name=files]", str(proof))
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("text=进展已保存")
    assert "已召开专题学习会" in page.locator("#progress").inner_text()
    assert "会议记录.pdf" in page.locator("#progress").inner_text()
    progress = Progress.objects.get()
    assert progress.author.username == "member"
    assert Measure.objects.get().status == Status.IN_PROGRESS


def test_a_refused_status_shows_the_reason(page, live_server, ledger):
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/measures/{ledger['measure'].pk}/")
    page.fill("#progress-form textarea[name=text]", "完成了")
    page.select_option("#progress-form select[name=status]", "done")
    page.click("#progress-form button[type=submit]")
    assert "必须填写完成情况说明" in page.locator("p.error").inner_text()
    assert not Progress.objects.exists()
