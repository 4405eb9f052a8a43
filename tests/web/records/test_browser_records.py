"""In the browser (zh-CN, Asia/Shanghai): the branch secretary records a 主题党日 with the leaders'
attendance; the leader reads his year on his phone (390 px)."""

from __future__ import annotations

from django.utils import timezone

from tests.web.test_browser import log_in, team_of
from tests.web.test_phone import fits_the_phone
from zhenggai.orgs.models import Membership, Organisation, Role
from zhenggai.records import dual_life
from zhenggai.records.models import Attendance, Presence


def test_a_branch_meeting_recorded_in_the_browser_counts_on_the_leaders_phone(
    page, phone, live_server, transactional_db, settings, tmp_path
):
    team, people = team_of(
        settings, tmp_path, ("office", "李主任", Role.OFFICE), ("member", "张委员", Role.MEMBER)
    )
    branch = Organisation.objects.create(name="机关第一党支部", parent=team)
    Membership.objects.create(user=people["office"], organisation=branch, role=Role.OFFICE)
    dual_life.set_branch(people["office"], people["member"], branch)

    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/records/branches/{branch.pk}/")
    page.select_option("select[name=kind]", label="主题党日")
    page.fill("input[name=topic]", "重温入党誓词")
    page.get_by_label("张委员的出席情况").select_option(label="出席并发言")
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url(f"{live_server.url}/records/branches/{branch.pk}/")
    assert "支部会议已登记" in page.locator("body").inner_text()
    assert "张委员：出席并发言" in page.locator("#branch-meetings").inner_text()
    attendance = Attendance.objects.get()
    assert (attendance.person, attendance.presence) == (people["member"], Presence.SPOKE)
    assert attendance.meeting.date == timezone.localdate()  # the date box's default, read in Shanghai

    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/records/")  # a member lands on his own page
    phone.wait_for_url(f"{live_server.url}/records/people/{people['member'].pk}/")
    assert "参加支部组织生活 1 次（其中发言 1 次）" in phone.locator("#year-count").inner_text()
    assert "重温入党誓词" in phone.locator("#attendance").inner_text()
    fits_the_phone(phone)
