"""Real-browser tests of the meeting pages: a phone sends an opinion, the office prints the QR code.

Debian's Chromium driven by Playwright against a live server; skipped like tests/web/test_browser.py.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.web.test_browser import PASSWORD, log_in
from zhenggai.meetings import opinions, services
from zhenggai.meetings.models import Opinion
from zhenggai.orgs.models import Membership, Organisation, Role, User


@pytest.fixture
def meeting(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    team = Organisation.objects.create(name="机关党组")
    people = {}
    for username, name, role in (
        ("secretary", "王书记", Role.SECRETARY),
        ("member", "张委员", Role.MEMBER),
        ("office", "李主任", Role.OFFICE),
    ):
        user = User.objects.create_user(username=username, password=PASSWORD, display_name=name)
        Membership.objects.create(user=user, organisation=team, role=role)
        people[username] = user
    meeting = services.create_meeting(
        people["office"],
        organisation=team,
        kind="democratic_life",
        year=2021,
        members=[people["secretary"], people["member"]],
    )
    services.set_notice(
        people["office"], meeting, text="围绕以下两个方面：一是带头学习方面；二是带头为民服务方面。"
    )
    link = opinions.create_link(
        people["office"], meeting, expires_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    return {"meeting": meeting, "link": link, "people": people}


def test_a_phone_sends_an_opinion_and_keeps_no_cookie(phone, live_server, meeting):
    page = phone
    context = page.context
    page.goto(f"{live_server.url}/meetings/o/{meeting['link'].token}/")
    assert page.locator("h1").inner_text().endswith("征求意见")
    # The form fits the phone's width: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    honeypot = page.locator("input[name=website]").bounding_box()
    assert honeypot is not None and honeypot["x"] + honeypot["width"] <= 0  # off screen
    page.select_option("select[name=about]", label="张委员")
    page.select_option("select[name=aspect]", label="带头为民服务方面")
    page.fill("textarea[name=text]", "下基层调研要多听群众意见。")
    page.click("button[type=submit]")
    page.wait_for_selector("text=提交成功")
    assert context.cookies() == []
    assert not Opinion.objects.exists()  # held, sealed, until its batch is published
    opinions.close_link(meeting["people"]["office"], meeting["link"])  # the collection ends: published
    opinion = Opinion.objects.get()
    assert opinion.about == meeting["people"]["member"]
    assert opinion.aspect.text == "带头为民服务方面"


def test_the_office_prints_the_qr_code(page, live_server, meeting):
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/meetings/{meeting['meeting'].pk}/opinions/links/{meeting['link'].pk}/")
    box = page.locator(".qr svg").bounding_box()
    assert box is not None and box["width"] > 200 and abs(box["width"] - box["height"]) < 1
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert page.locator(".qr svg").is_visible()
