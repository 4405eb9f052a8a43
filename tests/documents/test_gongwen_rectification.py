"""整改落实情况报告 from a source's data: the summary sentence computed, every problem with what was
done and what remains, 长期坚持 and 延期 listed, no placeholder ever — what the data lacks is a
finding; LibreOffice prints it by GB/T 9704."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.documents.gongwen_pages import LEFT, RIGHT, print_docx
from zhenggai.documents import read_bytes
from zhenggai.documents.gongwen import (
    RectificationMeasure,
    RectificationProblem,
    RectificationSource,
    summary_sentence,
    write_rectification_report,
)
from zhenggai.documents.placeholders import find_placeholders

TODAY = datetime.date(2026, 11, 29)
D = datetime.date


def measure(status: str, term: str = "deadline", **fields: object) -> RectificationMeasure:
    defaults: dict[str, object] = {"deadline": D(2026, 12, 31), "owner": "王建国", "unit": "办公室"}
    if status == "done":
        defaults |= {"completion_note": "已建立学习台账并按月通报", "completed_on": D(2026, 6, 30)}
    if status == "blocked":
        defaults |= {"blocked_reason": "需等待上级统一部署", "review_date": D(2027, 3, 1)}
    return RectificationMeasure(text="健全理论学习制度", status=status, term=term, **(defaults | fields))  # type: ignore[arg-type]  # test data by keyword


def inspection() -> RectificationSource:
    return RectificationSource(
        organisation="中共青岚区文化和旅游局党组",
        title="区委第三巡察组反馈意见",
        kind_label="巡察",
        inspecting_body="区委第三巡察组",
        feedback_date=D(2026, 3, 15),
        problems=[
            RectificationProblem(
                1, "理论学习方面", "理论学习不够深入。学用结合不紧。", True, [measure("done")]
            ),
            RectificationProblem(
                2,
                "理论学习方面",
                "学习制度执行不严。",
                False,
                [measure("done"), measure("in_progress", latest_progress="已完成第一轮督查")],
            ),
            RectificationProblem(3, "作风建设方面", "调查研究不够。", False, [measure("blocked")]),
            RectificationProblem(
                4,
                "作风建设方面",
                "文山会海问题依然存在。",
                False,
                [
                    measure("in_progress", "ongoing", deadline=None),
                    measure(
                        "not_started",
                        deadline=D(2027, 1, 31),
                        original_deadline=D(2026, 10, 31),
                        extension_reason="涉及上级文件调整",
                    ),
                ],
            ),
        ],
    )


def texts(data: bytes) -> list[str]:
    return [p.text for p in read_bytes("report.docx", data).paragraphs]


def test_the_summary_sentence_is_computed_from_the_problems_and_measures() -> None:
    sentence, findings = summary_sentence(inspection(), TODAY)
    assert sentence == (
        "截至2026年11月29日，共反馈问题2方面4个，已整改到位1个，正在推进2个，暂不具备整改条件1个；"
        "制定整改措施6条，已完成2条，需长期坚持1条。"
    )
    assert findings == []


def test_the_report_says_what_was_done_what_remains_and_why_without_placeholders() -> None:
    report = write_rectification_report(inspection(), TODAY)
    lines = texts(report.data)
    assert lines[0] == "中共青岚区文化和旅游局党组关于区委第三巡察组反馈意见整改落实情况的报告"
    assert lines[1].startswith("2026年3月15日，区委第三巡察组向中共青岚区文化和旅游局党组反馈了巡察意见。")
    assert "一、总体情况" in lines and report.summary in lines
    assert "（一）理论学习方面。" in lines and "（二）作风建设方面。" in lines
    assert "1.理论学习不够深入。学用结合不紧。" in lines
    joined = "\n".join(lines)
    assert "已于2026年6月30日完成。已建立学习台账并按月通报。" in joined
    assert "正在推进，计划于2026年12月31日前完成。已完成第一轮督查。" in joined
    assert "暂不具备整改条件，原因是需等待上级统一部署，拟于2027年3月1日复查。" in joined
    assert "需要长期坚持的措施（1条）" in joined
    assert "原定2026年10月31日完成，延期至2027年1月31日，延期原因：涉及上级文件调整。" in joined
    assert lines[-2:] == ["中共青岚区文化和旅游局党组", "2026年11月29日"]
    assert report.findings == []
    assert find_placeholders(read_bytes("report.docx", report.data).paragraphs) == []


def test_what_the_data_lacks_is_a_finding_never_an_x() -> None:
    source = inspection()
    source.feedback_date = None
    source.inspecting_body = ""
    source.problems[0].aspect = ""
    source.problems[1].measures[0].completion_note = ""
    source.problems[3].measures[1].extension_reason = ""
    source.problems.append(RectificationProblem(5, "作风建设方面", "会议过多。"))
    report = write_rectification_report(source, TODAY)
    assert report.findings == [
        "没有填写反馈日期，开头未写反馈时间",
        "没有填写巡察机构，开头未写反馈机构",
        "有1个问题没有填写所属方面，总体情况中未写方面数",
        "问题2的措施1已完成但没有填写完成情况",
        "问题5还没有整改措施",
        "问题4的措施2延期但没有填写延期原因",
    ]
    lines = texts(report.data)
    assert lines[1].startswith("中共青岚区文化和旅游局党组收到巡察反馈意见。")
    assert report.summary.startswith("截至2026年11月29日，共反馈问题5个，已整改到位1个，正在推进3个，")
    assert find_placeholders(read_bytes("report.docx", report.data).paragraphs) == []
    assert not any("X" in line or "×" in line for line in lines)


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_report_by_gbt_9704(tmp_path: Path) -> None:
    pages = print_docx(write_rectification_report(inspection(), TODAY).data, tmp_path)
    title = pages[0].lines[0]
    assert title.size == pytest.approx(22, abs=0.1)
    assert (title.left + title.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1.0)
    for page in pages:
        assert (round(page.width), round(page.height)) == (210, 297)
        assert page.footer().text == f"—{page.number}—"
    # the date: right-aligned, four characters (4 × 5.6 mm) in from the block's right edge
    date = pages[-1].body_lines()[-1]
    assert date.text == "2026年11月29日"
    assert RIGHT - date.right == pytest.approx(4 * 5.6, abs=1.5)
