"""Every form with a date, in a Chinese browser: open it, change one text, save — the dates survive.

A Chinese browser (zh-CN, as every office PC) made Django render dates as 2026/11/02, which
`<input type="date">` throws away: the box showed empty and saving an unchanged measure was
refused. These tests open each such form the way users do and save it.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.web.test_browser import log_in, meeting_2021, team_of
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, Problem, Progress, Source, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.meetings.models import Meeting, OpinionLink, Talk
from zhenggai.orgs.models import Role


@pytest.fixture
def office(transactional_db, settings, tmp_path):
    """机关党组 with its office (李主任) and a member (张委员); a 2021 meeting held on 2021-12-20; a
    measure with a deadline 30 days ahead; a 巡察 source for feedback."""
    team, people = team_of(
        settings, tmp_path, ("office", "李主任", Role.OFFICE), ("member", "张委员", Role.MEMBER)
    )
    office = people["office"]
    today = timezone.localdate()
    meeting = meeting_2021(office, team, people["member"])
    problem = services.create_problem(office, source=meeting.source, description="理解领悟还不够深透")
    measure = services.create_measure(
        office,
        problem=problem,
        text="制定学习计划",
        owner=people["member"],
        deadline=today + datetime.timedelta(days=30),
    )
    inspection = create_source(
        office, kind=SourceKind.INSPECTION, organisation=team, inspecting_body="市委巡察组"
    )
    return {
        "people": people,
        "meeting": meeting,
        "measure": measure,
        "inspection": inspection,
        "today": today,
    }


def test_a_measure_saved_unchanged_but_its_text_keeps_its_deadline(page, live_server, office):
    measure = office["measure"]
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/measures/{measure.pk}/edit/")
    assert page.input_value("input[name=deadline]") == measure.deadline.isoformat()
    page.fill("textarea[name=text]", "制定个人学习计划，每月研读原著不少于两篇")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{live_server.url}/measures/{measure.pk}/")
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.text, saved.deadline) == ("制定个人学习计划，每月研读原著不少于两篇", measure.deadline)


def test_progress_posted_with_only_its_text_is_dated_today(page, live_server, office):
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/measures/{office['measure'].pk}/")
    assert page.input_value("#progress-form input[name=date]") == office["today"].isoformat()
    page.fill("#progress-form textarea[name=text]", "已召开专题学习会")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("text=进展已保存")
    assert Progress.objects.get().date == office["today"]


def test_a_meeting_saved_with_a_new_theme_keeps_its_date(page, live_server, office):
    meeting = office["meeting"]
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/edit/")
    assert page.input_value("input[name=date]") == "2021-12-20"
    page.fill("input[name=theme]", "党史学习教育专题（补充）")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{live_server.url}/meetings/{meeting.pk}/")
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.theme, saved.date) == ("党史学习教育专题（补充）", datetime.date(2021, 12, 20))


def test_a_link_made_with_only_a_title_expires_in_two_weeks(page, live_server, office):
    meeting = office["meeting"]
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/opinions/")
    expected = office["today"] + datetime.timedelta(days=14)
    assert page.input_value("input[name=expires_on]") == expected.isoformat()
    page.fill("input[name=title]", "机关全体干部")
    page.click("text=生成新链接")
    page.wait_for_load_state()
    link = OpinionLink.objects.get(meeting=meeting)
    assert (link.title, link.expires_on) == ("机关全体干部", expected)


def test_a_talk_recorded_with_only_a_note_is_dated_today(page, live_server, office):
    meeting = office["meeting"]
    meeting.members.add(office["people"]["office"])
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/talks/")
    assert page.input_value("input[name=date]") == office["today"].isoformat()
    page.select_option("select[name=initiator]", label="李主任")
    page.select_option("select[name=partner]", label="张委员")
    page.fill("textarea[name=note]", "交流了学习体会")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("p.error").count() == 0, page.locator("p.error").inner_text()
    talk = Talk.objects.get(meeting=meeting)
    assert (talk.note, talk.date) == ("交流了学习体会", office["today"])


def test_feedback_confirmed_as_proposed_keeps_the_proposed_deadlines(page, live_server, office):
    source = office["inspection"]
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/reviews/sources/{source.pk}/feedback/")
    page.fill(
        "textarea[name=text]",
        "一、学习贯彻方面\n1.理论学习不够深入，学用结合不紧。\n二、作风建设方面\n1.调查研究不够扎实，解决问题不多。",
    )
    page.click("text=读取问题")
    page.wait_for_selector("text=确认录入整改台账")
    proposed = page.input_value("input[type=date] >> nth=0")
    assert proposed and proposed == datetime.date.fromisoformat(proposed).isoformat()
    page.fill("textarea[placeholder^='填写整改措施'] >> nth=0", "制定理论学习计划")
    page.fill("textarea[placeholder^='填写整改措施'] >> nth=1", "开展专题调研")
    page.click("text=确认录入整改台账")
    page.wait_for_url(f"{live_server.url}/sources/{source.pk}/")
    deadlines = set(Measure.objects.filter(problem__source=source).values_list("deadline", flat=True))
    assert deadlines == {datetime.date.fromisoformat(proposed)}
    assert Problem.objects.filter(source=source).count() == 2


def test_a_source_created_with_a_feedback_date_keeps_it(page, live_server, office):
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/sources/new/")
    # The only organisation the office manages is chosen already.
    assert page.locator("select[name=organisation] option:checked").inner_text().strip() == "机关党组"
    page.select_option("select[name=kind]", label="审计")
    page.fill("input[name=inspecting_body]", "市审计局")
    page.fill("input[name=feedback_date]", "2026-03-01")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_url(f"{live_server.url}/sources/*/")
    source = Source.objects.get(inspecting_body="市审计局")
    assert source.feedback_date == datetime.date(2026, 3, 1)
