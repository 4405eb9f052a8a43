"""In Chromium (zh-CN): a closed problem offers no change, only 重新打开 to those who may; a member and a
reviewer see no button they could not use."""

from __future__ import annotations

from tests.web.base import upload
from tests.web.test_browser import PASSWORD, ledger, log_in  # noqa: F401 - the fixture is used by name
from zhenggai.ledger import services
from zhenggai.ledger.models import Status
from zhenggai.orgs.models import Membership, Role, User


def close(people, measure):
    services.post_progress(
        people["secretary"],
        measure,
        text="已完成",
        status=Status.DONE,
        completion_note="落实",
        files_=[upload()],
    )
    services.close_problem(people["secretary"], measure.problem)


def test_a_closed_problem_offers_only_reopening(page, live_server, ledger):  # noqa: F811
    measure = ledger["measure"]
    close(ledger["people"], measure)
    log_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/problems/{measure.problem_id}/")
    for absent in ("#edit-problem", "#add-measure", "#delete-problem", "#close-section form"):
        assert page.locator(absent).count() == 0, absent
    assert page.get_by_role("button", name="重新打开").count() == 1
    page.goto(f"{live_server.url}/measures/{measure.pk}/")
    for absent in (
        "#edit-measure",
        "#delete-measure",
        "#progress-form",
        "#status-heading",
        ".delete-evidence",
    ):
        assert page.locator(absent).count() == 0, absent
    assert "重新打开" in page.locator("#closed-notice").inner_text()


def test_a_member_sees_no_manager_buttons_on_a_closed_problem(page, live_server, ledger):  # noqa: F811
    measure = ledger["measure"]
    close(ledger["people"], measure)
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/problems/{measure.problem_id}/")
    assert page.get_by_role("button", name="重新打开").count() == 0
    assert "联系书记或办公室" in page.locator("#closed-notice").inner_text()


def test_a_member_and_a_reviewer_see_only_what_they_may_use(page, live_server, ledger):  # noqa: F811
    measure = ledger["measure"]
    reviewer = User.objects.create_user(username="reviewer", password=PASSWORD, display_name="赵审核")
    Membership.objects.create(user=reviewer, organisation=measure.organisation, role=Role.REVIEWER)
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/measures/{measure.pk}/")
    assert page.locator("#progress-form").count() == 1
    for absent in ("#edit-measure", "#delete-measure", "text=办理延期"):
        assert page.locator(absent).count() == 0, absent
    page.goto(f"{live_server.url}/problems/{measure.problem_id}/")
    for absent in ("#edit-problem", "#add-measure", "#close-section"):
        assert page.locator(absent).count() == 0, absent
    page.context.clear_cookies()
    log_in(page, live_server, "reviewer")
    for url in (f"/measures/{measure.pk}/", f"/problems/{measure.problem_id}/"):
        page.goto(live_server.url + url)
        assert page.locator("main form").count() == 0, url
        assert page.locator("main button").count() == 0, url
