"""The Word documents downloaded from their pages in a Chinese browser, as the office does: the
整改方案 from the source page, the ledger as a Word table from the ledger page, each a real .docx
with the data in it."""

from __future__ import annotations

import docx

from tests.web.test_browser import ledger, log_in  # noqa: F401  (the fixture)


def _text(path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_plan_and_the_word_ledger_download_from_their_pages(page, live_server, ledger, tmp_path):  # noqa: F811
    source = ledger["measure"].problem.source
    log_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载整改方案（Word）").click()
    assert download.value.suggested_filename.endswith(".docx")
    plan = tmp_path / "plan.docx"
    download.value.save_as(plan)
    text = _text(plan)
    assert "整改方案" in text and "制定学习计划" in text and "理解领悟还不够深透" in text
    assert "XX" not in text

    page.goto(f"{live_server.url}/?q=学习计划")
    with page.expect_download() as download:
        page.click("#export-docx")
    table = tmp_path / "ledger.docx"
    download.value.save_as(table)
    assert "制定学习计划" in _text(table)
