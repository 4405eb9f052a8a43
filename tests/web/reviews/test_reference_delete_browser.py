"""A real browser (phone width): the office deletes a 参考范文 from the list, through its confirmation."""

from __future__ import annotations

from tests.web.test_browser import log_in, team_of
from zhenggai.documents import read_text
from zhenggai.orgs.models import Role
from zhenggai.reviews import references
from zhenggai.reviews.models import IndexedText, ReferenceText


def test_the_office_deletes_a_reference_after_confirming(
    phone, live_server, settings, tmp_path, transactional_db
):
    team, people = team_of(settings, tmp_path, ("office", "李主任", Role.OFFICE))
    text = "对照检查材料\n一、存在的问题\n理论学习不够系统深入，联系实际不够紧密，学用结合还有差距。"
    references.store(people["office"], team, [("模板.txt", read_text(text, name="模板.txt"))])
    log_in(phone, live_server, "office")
    phone.goto(f"{live_server.url}/reviews/references/")
    phone.click("#references >> text=删除")
    phone.wait_for_selector("text=删除后，这份范文及其查重索引一并删除")
    assert "模板.txt" in phone.inner_text("#reference")
    button = phone.locator("#confirm-delete")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390  # on the phone's screen
    button.click()
    phone.wait_for_selector("text=参考范文“模板.txt”已删除，查重不再与它对照")
    assert "还没有上传参考范文" in phone.inner_text("main")
    assert not ReferenceText.objects.exists()
    assert not IndexedText.objects.exists()
