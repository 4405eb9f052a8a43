"""In a real browser under the Content-Security-Policy: the scripts moved out of the pages still work.

Chromium reports every blocked inline script or style on the console; none may appear, and the
confirmation before deleting a measure (formerly an inline onsubmit) still asks.
"""

from __future__ import annotations

from tests.web.test_browser import ledger, log_in  # noqa: F401  (the ledger fixture)
from zhenggai.ledger.models import Measure


def test_deleting_a_measure_asks_first_and_nothing_is_blocked(page, live_server, ledger):  # noqa: F811
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    asked: list[str] = []

    def answer(dialog, accept):  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    log_in(page, live_server, "secretary")
    measure = ledger["measure"]
    page.goto(f"{live_server.url}/measures/{measure.pk}/")
    page.once("dialog", lambda dialog: answer(dialog, False))
    page.click("text=删除该措施")
    assert asked == ["确定删除该整改措施及其进展和佐证材料？"]
    assert Measure.objects.filter(pk=measure.pk).exists()
    page.once("dialog", lambda dialog: answer(dialog, True))
    with page.expect_navigation():
        page.click("text=删除该措施")
    assert not Measure.objects.filter(pk=measure.pk).exists()
    for path in ("/", "/dashboard/", "/orgs/"):
        page.goto(f"{live_server.url}{path}")
    assert blocked == []
