"""Every page a member uses, on the 390 px phone he carries: navigation behind a menu button, no
sideways scrolling, tables as cards, forms in one column, progress posted with a photo from the camera.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from tests.web.test_browser import log_in, meeting_2021, team_of
from zhenggai.ledger import services
from zhenggai.ledger.models import Evidence, Measure, Progress, Status
from zhenggai.orgs.models import Role
from zhenggai.reviews import services as reviews

WIDTH = 390
LONG = "严格落实“第一议题”制度，制定个人学习计划并建立学习台账，每月研读原著原文不少于两篇，形成心得体会"
REPORT = """对照检查材料
一、上年度整改落实情况
去年查摆的问题已整改完成。
二、存在的问题
（一）在理论学习方面。学习不够深入系统，https://www.example.gov.cn/a/very/long/address/that/never/breaks.html
三、原因剖析
理想信念有所弱化。
四、整改措施
一是加强理论学习。二是改进工作作风。
"""


@pytest.fixture
def member(transactional_db, settings, tmp_path):
    """张委员 of 机关党组: two measures of his own (one overdue, one due soon) with a long text, his
    reminders, and his report for the 2021 meeting with one version."""
    team, people = team_of(
        settings, tmp_path, ("secretary", "王书记", Role.SECRETARY), ("member", "张委员", Role.MEMBER)
    )
    secretary, member = people["secretary"], people["member"]
    today = timezone.localdate()
    meeting = meeting_2021(secretary, team, member)
    problem = services.create_problem(
        secretary, source=meeting.source, description="理论学习不够深入系统，学用结合还不够到位" * 3
    )
    measures = [
        services.create_measure(
            secretary, problem=problem, text=LONG, owner=member, deadline=today + datetime.timedelta(days=d)
        )
        for d in (1, 5)
    ]
    Measure.objects.filter(pk=measures[0].pk).update(deadline=today - datetime.timedelta(days=3))
    report = reviews.report_for(member, meeting)
    reviews.add_version(member, report, reviews.read_written(REPORT))
    return {
        "people": people,
        "measure": measures[0],
        "problem": problem,
        "meeting": meeting,
        "report": report,
    }


def fits_the_phone(page) -> None:
    """Nothing on the page is wider than the phone: no sideways scrolling."""
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} 在手机上需要左右滚动（页面宽 {width}px）"


def fields_in_one_column(page) -> None:
    """Every visible text field, list and file input starts at the left of the screen and ends inside it."""
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('main input, main select, main textarea'))
            .filter(e => !['checkbox', 'radio', 'hidden', 'submit'].includes(e.type) && e.offsetParent)
            .map(e => { const r = e.getBoundingClientRect(); return [e.name, r.left, r.right]; })"""
    )
    for name, left, right in boxes:
        assert left < 40 and right <= WIDTH, f"{page.url} 的“{name}”不在单列中（{left:.0f}–{right:.0f}px）"


def menu_opens(page) -> list[str]:
    """The navigation hides behind the 菜单 button, which opens it; the names of its links."""
    nav = page.locator("header nav")
    assert not nav.is_visible(), f"{page.url} 的导航没有收起"
    toggle = page.locator("header .menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    links = nav.locator("a").all_inner_texts()
    # one link a line, each a whole word (the bug: the navigation wrapped one character a line)
    heights = nav.locator("a").evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
    assert max(heights) < 60, heights
    fits_the_phone(page)
    toggle.click()
    assert not nav.is_visible()
    return links


def test_logging_in_on_the_phone(phone, live_server, member):
    phone.goto(f"{live_server.url}/login/")
    fits_the_phone(phone)
    fields_in_one_column(phone)
    assert phone.locator("header .menu-toggle").count() == 0  # nothing to navigate before logging in
    log_in(phone, live_server, "member")
    assert "整改台账" in phone.locator("h1").inner_text()


def test_every_page_of_the_menu_fits_the_phone(phone, live_server, member):
    log_in(phone, live_server, "member")
    links = menu_opens(phone)
    # 待办 carries the count of the member's overdue and due-soon measures (2)
    assert links[:7] == ["台账", "看板", "待办2", "问题来源", "专项整改", "对照检查材料", "会议"]
    for name in links:
        phone.locator("header .menu-toggle").click()
        phone.locator("header nav a", has_text=name).first.click()
        phone.wait_for_load_state()
        assert phone.locator("header nav").is_hidden()
        fits_the_phone(phone)
        fields_in_one_column(phone)


def test_the_ledger_rows_are_cards(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/")
    fits_the_phone(phone)
    assert phone.locator("#ledger thead").is_hidden()
    rows = phone.locator("#ledger tbody tr")
    assert rows.count() == 2
    card = rows.first
    assert card.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert card.get_attribute("class") == "overdue"
    assert card.evaluate("tr => getComputedStyle(tr).backgroundColor") == "rgb(253, 231, 230)"
    # each value on its own line under its column's name
    labels = card.locator("td").evaluate_all("tds => tds.map(td => td.dataset.label)")
    assert labels == ["编号", "问题来源", "问题", "整改措施", "责任人", "责任单位", "时限", "状态"]
    owner = card.locator("td[data-label=责任人]")
    assert owner.evaluate("td => getComputedStyle(td, '::before').content") == '"责任人："'
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    assert box["y"] < 844  # the rows come first: the twelve filters wait behind a button


def test_the_ledger_filters_fold_behind_a_button(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/?status=not_started&overdue=1&sort=deadline")
    filters, unfold = phone.locator("form.filters"), phone.locator("button.filters-toggle")
    assert filters.is_hidden() and unfold.inner_text() == "筛选条件（已选2项）"
    unfold.click()
    assert filters.is_visible()
    fields_in_one_column(phone)
    phone.fill("form.filters input[name=q]", "第一议题")
    phone.locator("form.filters button[type=submit]").click()
    phone.wait_for_load_state()
    assert phone.locator("button.filters-toggle").inner_text() == "筛选条件（已选3项）"
    assert phone.locator("#ledger tbody tr").count() == 1
    fits_the_phone(phone)


def test_the_todo_page_is_cards(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/todo/")
    fits_the_phone(phone)
    rows = phone.locator("table.todo tbody tr")
    assert rows.count() == 2
    assert rows.first.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert "已逾期" in rows.first.inner_text()
    # nothing due any more: the empty list says so without a column's name in front
    Measure.objects.update(deadline=datetime.date.today() + datetime.timedelta(days=365))
    phone.goto(f"{live_server.url}/todo/")
    empty = phone.locator("td[colspan]").first
    assert empty.inner_text() == "没有待办"
    assert empty.get_attribute("data-label") is None


def test_the_measure_and_problem_pages_fit_the_phone(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/measures/{member['measure'].pk}/")
    menu_opens(phone)
    fits_the_phone(phone)
    fields_in_one_column(phone)
    phone.goto(f"{live_server.url}/problems/{member['problem'].pk}/")
    fits_the_phone(phone)
    fields_in_one_column(phone)


def test_the_evidence_input_offers_the_camera(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/measures/{member['measure'].pk}/")
    files = phone.locator("#progress-form input[name=files]")
    chooser, camera = files.nth(0), files.nth(1)
    # the chooser: photos (the phone offers camera, album and files) and every kind we keep
    assert chooser.get_attribute("accept").split(",")[:3] == ["image/*", ".pdf", ".jpg"]
    assert chooser.get_attribute("multiple") is not None and chooser.get_attribute("capture") is None
    # the camera straight away, on phones only
    assert (camera.get_attribute("accept"), camera.get_attribute("capture")) == ("image/*", "environment")
    assert camera.is_visible()


def test_the_camera_input_is_for_phones_only(page, live_server, member):
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/measures/{member['measure'].pk}/")
    assert page.locator("#progress-form label.camera").is_hidden()
    assert page.locator("header nav").is_visible() and page.locator("header .menu-toggle").is_hidden()


def photo() -> bytes:
    """A real JPEG, as a phone's camera sends it."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 40, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_a_member_posts_progress_with_a_photo_from_the_phone(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.locator("#ledger tbody tr a").first.click()
    phone.wait_for_load_state()
    phone.fill("#progress-form textarea[name=text]", "已召开专题学习会，拍照留存")
    phone.select_option("#progress-form select[name=status]", "in_progress")
    camera = phone.locator("#progress-form label.camera input")
    camera.set_input_files([{"name": "IMG_20220315_101500.jpg", "mimeType": "image/jpeg", "buffer": photo()}])
    phone.locator("#progress-form button[type=submit]").click()
    phone.wait_for_selector("text=进展已保存")
    fits_the_phone(phone)
    assert "IMG_20220315_101500.jpg" in phone.locator("#progress").inner_text()
    progress = Progress.objects.get()
    assert (progress.author.username, progress.text) == ("member", "已召开专题学习会，拍照留存")
    stored = Evidence.objects.get()
    assert (stored.name, stored.progress_id) == ("IMG_20220315_101500.jpg", progress.pk)
    assert Measure.objects.get(pk=member["measure"].pk).status == Status.IN_PROGRESS


def test_my_report_fits_the_phone(phone, live_server, member):
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/reviews/meetings/{member['meeting'].pk}/mine/")
    phone.wait_for_url(f"{live_server.url}/reviews/reports/{member['report'].pk}/")
    assert phone.locator(".para").count() > 5
    fits_the_phone(phone)
    fields_in_one_column(phone)
    phone.goto(f"{live_server.url}/reviews/reports/{member['report'].pk}/write/")
    fits_the_phone(phone)
    fields_in_one_column(phone)


def test_submitting_a_report_with_errors_asks_once(phone, live_server, member):
    report = member["report"]
    seed = (Path(__file__).parents[1] / "corpus" / "seed.txt").read_text(encoding="utf-8")
    version = reviews.add_version(member["people"]["member"], report, reviews.read_written(seed))
    assert version.errors > 0  # "XX" left in, among others
    log_in(phone, live_server, "member")
    phone.goto(f"{live_server.url}/reviews/reports/{report.pk}/")
    phone.get_by_role("button", name="提交审核").click()
    question = phone.locator("#confirm-submit")
    assert f"这一版还有 {version.errors} 处错误" in question.inner_text()
    fits_the_phone(phone)
    report.refresh_from_db()
    assert report.state == "draft"
    question.get_by_role("button", name="仍然提交审核").click()
    phone.wait_for_url(f"{live_server.url}/reviews/reports/{report.pk}/")
    assert "已提交审核" in phone.locator("body").inner_text()
    assert phone.locator("#confirm-submit").count() == 0
    report.refresh_from_db()
    assert report.state == "submitted"
