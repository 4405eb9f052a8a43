"""The campaign flow in Chromium (zh-CN, Beijing time): the office starts a campaign from a source's page,
forms a work group, records a progress meeting and a decision that extends a deadline; the group's lead
reads it on his phone.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.web.test_browser import log_in, team_of
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Campaign, Decision, Measure, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Role


@pytest.fixture
def inspection(transactional_db, settings, tmp_path):
    team, people = team_of(
        settings,
        tmp_path,
        ("office", "李主任", Role.OFFICE),
        ("lead", "陈组长", Role.MEMBER),
        ("member", "张委员", Role.MEMBER),
    )
    source = create_source(
        people["office"], kind=SourceKind.INSPECTION, organisation=team, inspecting_body="市委第一巡察组"
    )
    today = timezone.localdate()
    measures = []
    for n, text in enumerate(("理论学习不够系统", "调查研究不够深入"), start=1):
        problem = services.create_problem(people["office"], source=source, description=text, aspect="作风")
        measures.append(
            services.create_measure(
                people["office"],
                problem=problem,
                text=f"措施{n}：制定整改方案",
                owner=people["member"],
                deadline=today + datetime.timedelta(days=10),
            )
        )
    return {"source": source, "measures": measures, "today": today}


def test_a_campaign_from_a_source_and_a_decision_that_extends_a_deadline(
    page, phone, live_server, inspection
):
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/sources/{inspection['source'].pk}/")
    page.click("#start-campaign")
    page.fill("input[name=name]", "巡察反馈问题专项整改")
    page.click("button:has-text('创建专项整改')")
    page.wait_for_selector("text=专项整改已创建")
    campaign = Campaign.objects.get()
    assert campaign.problems.count() == 2
    assert "共反馈问题1方面2个，已整改到位0个，正在推进2个" in page.inner_text("#campaign-summary")

    second = inspection["measures"][1]
    page.fill("#workgroup-form input[name=name]", "第一推进组")
    page.select_option("#workgroup-form select[name=lead]", label="陈组长")
    page.check(f"#workgroup-form input[name=problems][value='{second.problem_id}']")
    page.click("#workgroup-form button[type=submit]")
    page.wait_for_selector("text=推进组已建立")
    assert "第一推进组" in page.inner_text("#workgroups")

    page.fill("#meeting-form input[name=date]", inspection["today"].isoformat())
    page.check("#meeting-form label:has-text('陈组长') input")
    page.fill("#meeting-form textarea[name=minutes]", "听取第一推进组汇报")
    page.click("#meeting-form button[type=submit]")
    page.wait_for_selector("text=推进会已记录，请登记议定事项")

    new_deadline = inspection["today"] + datetime.timedelta(days=40)
    page.fill("#decision-form textarea[name=text]", "调研延至下月完成")
    page.check(f"#decision-form input[name=measures][value='{second.pk}']")
    page.select_option("#decision-form select[name=action]", "extend")
    page.fill("#decision-form input[name=deadline]", new_deadline.isoformat())
    page.click("#decision-form button[type=submit]")
    page.wait_for_selector("text=议定事项已登记")
    assert "调研延至下月完成（延期至" in page.inner_text("#decisions")

    extended = Measure.objects.get(pk=second.pk)
    assert (extended.deadline, extended.original_deadline) == (new_deadline, second.deadline)
    assert Decision.objects.get().measures.get() == extended
    assert AuditEntry.objects.filter(summary="延期", measure_id=second.pk).count() == 1

    log_in(phone, live_server, "lead")
    phone.goto(f"{live_server.url}/campaigns/{campaign.pk}/")
    assert "第一推进组" in phone.inner_text("main")
    phone.goto(f"{live_server.url}/?campaign={campaign.pk}")
    assert "措施2：制定整改方案" in phone.inner_text("main")
    assert "措施1：制定整改方案" not in phone.inner_text("main")


def test_the_office_corrects_a_meeting_on_its_phone_and_may_not_delete_it_once_it_extended_a_deadline(
    phone, live_server, inspection
):
    from zhenggai.ledger.models import ProgressMeeting
    from zhenggai.ledger.services import campaigns
    from zhenggai.orgs.models import User

    office = User.objects.get(username="office")
    lead = User.objects.get(username="lead")
    first = inspection["measures"][0]
    campaign = campaigns.create_campaign(
        office, organisation=first.organisation, name="巡察反馈问题专项整改", problems=[first.problem]
    )
    meeting = campaigns.record_progress_meeting(
        office, campaign, date=inspection["today"], attendees=[office]
    )
    campaigns.record_decision(
        office,
        meeting,
        text="调研延至下月完成",
        measures=[first],
        action="extend",
        deadline=inspection["today"] + datetime.timedelta(days=40),
    )
    log_in(phone, live_server, "office")
    phone.goto(f"{live_server.url}/progress-meetings/{meeting.pk}/")
    phone.click("#meeting-edit")
    phone.check("#change-form label:has-text('陈组长') input")
    phone.fill("#change-form textarea[name=minutes]", "听取各组汇报")
    phone.click("#change-form button[type=submit]")
    phone.wait_for_selector("text=修改已保存")
    assert "陈组长" in phone.inner_text("main")

    phone.goto(f"{live_server.url}/progress-meetings/{meeting.pk}/edit/")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("#delete-form button[type=submit]")
    phone.wait_for_selector("text=删除会使这些变更失去依据，不能删除")
    assert ProgressMeeting.objects.filter(pk=meeting.pk).exists()
    meeting.refresh_from_db()
    assert (meeting.minutes, set(meeting.attendees.all())) == ("听取各组汇报", {office, lead})
