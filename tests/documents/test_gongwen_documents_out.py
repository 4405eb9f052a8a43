"""The documents written from the data besides the 整改落实情况报告: 整改方案 (with its landscape
整改任务清单), the 整改台账 as a Word table, next year's 上年度整改落实情况 and the 民主生活会召开情况报告.

Each is read back (python-docx and its XML: pages, orientation, margins, fonts, sizes, page-number
fields), checked for what it says and for what the data lacked (a finding, never an "X"), and
printed by LibreOffice (page size and orientation, text inside the block, page numbers, 22 lines of
28 characters on full portrait pages, no placeholder).
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from tests.documents.gongwen_checks import (
    LANDSCAPE,
    PORTRAIT,
    check_printed,
    check_sections,
    check_table_fonts,
)
from tests.documents.test_gongwen_rectification import inspection, measure, texts
from zhenggai.documents import read_bytes
from zhenggai.documents.gongwen import (
    MeetingFacts,
    RectificationProblem,
    RectificationSource,
    previous_outline,
    previous_text,
    write_ledger_table,
    write_meeting_report,
    write_plan,
    write_previous,
)
from zhenggai.documents.ledger_xlsx import LedgerRow

TODAY = datetime.date(2026, 11, 29)
D = datetime.date


def big_source(problems: int = 12) -> RectificationSource:
    """A meeting's ledger long enough for full pages: problems in three aspects, two measures each."""
    source = RectificationSource(
        "中共青岚区文化和旅游局党组", "2025年度民主生活会", "民主生活会", meeting=True
    )
    for n in range(1, problems + 1):
        source.problems.append(
            RectificationProblem(
                n,
                ["理论学习方面", "担当作为方面", "作风建设方面"][n % 3],
                "理论学习不够深入系统，学用结合不够紧密。"
                + "对新思想新要求的领会还停留在字面上，联系实际研究问题不多，" * 3,
                False,
                [measure("done"), measure("in_progress", latest_progress="已完成第一轮督查")],
            )
        )
    return source


def ledger_rows(n: int = 30) -> list[LedgerRow]:
    return [
        LedgerRow(
            problem=f"问题{i // 2 + 1}：学习制度执行不严，集中学习有时流于形式。",
            measure="健全理论学习制度，每月开展一次专题研讨，形成学习台账。",
            source="2025年度民主生活会",
            aspect="理论学习方面",
            owner="王建国",
            unit="办公室",
            deadline=D(2026, 12, 31),
            term="deadline",
            progress="已完成第一轮督查\n已形成学习台账",
            status="in_progress" if i % 3 else "done",
            problem_ref=i // 2,
        )
        for i in range(n)
    ]


def facts(**override: object) -> MeetingFacts:
    values: dict[str, object] = {
        "organisation": "中共青岚区文化和旅游局党组",
        "kind_label": "民主生活会",
        "title": "2025年度民主生活会",
        "theme": "深入学习贯彻新时代中国特色社会主义思想",
        "date": D(2025, 12, 20),
        "members": ["王建国", "张伟", "刘洋"],
        "aspects": ["理论学习方面", "担当作为方面"],
        "opinions": 12,
        "opinions_team": 5,
        "opinions_members": 7,
        "opinions_answered": 9,
        "opinions_to_ledger": 2,
        "talks": 6,
        "pairs": 3,
        "pairs_talked": 3,
        "reports": 3,
        "reports_approved": 3,
        "criticisms": [("张伟", 2), ("刘洋", 1)],
        "conclusions": "会议认为，这次民主生活会达到了预期目的。",
        "ledger": big_source(4),
    }
    return MeetingFacts(**(values | override))  # type: ignore[arg-type]  # test data by keyword


# ---- 整改方案 ---------------------------------------------------------------------------------


def test_the_plan_lists_each_problem_by_aspect_with_owners_terms_and_deadlines() -> None:
    plan = write_plan(inspection(), TODAY)
    lines = texts(plan.data)
    assert lines[0] == "中共青岚区文化和旅游局党组关于区委第三巡察组反馈意见反馈问题的整改方案"
    assert lines[1].startswith("2026年3月15日，区委第三巡察组向中共青岚区文化和旅游局党组反馈了巡察意见。")
    assert plan.summary == "反馈问题共2方面4个，制定整改措施6条，其中限期整改5条、长期坚持1条。"
    assert "（一）理论学习方面。" in lines and "（二）作风建设方面。" in lines
    assert (
        "措施1：健全理论学习制度。责任领导：王建国；责任单位：办公室；整改时限：限期整改，2026年12月31日前。"
        in lines
    )
    assert "附件：整改任务清单" in lines and "2026年11月29日" in lines
    assert plan.findings == []


def test_the_plans_attached_table_is_on_landscape_pages_in_the_same_file() -> None:
    data = write_plan(inspection(), TODAY).data
    document = check_sections(data, [PORTRAIT, LANDSCAPE])
    check_table_fonts(document, 12)
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "方面",
        "存在问题",
        "整改措施",
        "责任领导",
        "责任单位",
        "整改时限",
    ]
    # problem 2's two measures: its number, aspect and text drawn once over both rows (merged cells)
    second, third = table.rows[2], table.rows[3]
    assert second.cells[0].text == "2" and third.cells[0]._tc is second.cells[0]._tc
    assert third.cells[3].text == "健全理论学习制度"
    assert third.cells[6].text == "限期整改\n2026年12月31日前"
    lines = texts(data)
    assert lines.index("附件") < lines.index("整改任务清单")


def test_what_the_ledger_lacks_for_the_plan_is_a_finding() -> None:
    source = inspection()
    source.feedback_date = None
    source.problems[0].measures[0].owner = ""
    source.problems[1].measures[1].deadline = None
    source.problems[2].aspect = ""
    source.problems[3].measures = []
    plan = write_plan(source, TODAY)
    assert plan.findings == [
        "没有填写反馈日期，开头未写反馈时间",
        "有1个问题没有填写所属方面，未写方面数，问题也未按方面分组",
        "问题1的措施1没有填写责任人",
        "问题2的措施2是限期整改但没有填写完成时限",
        "问题4还没有整改措施",
    ]
    assert plan.summary.startswith("反馈问题共4个，")
    assert not any("X" in line for line in texts(plan.data))


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_plan_portrait_then_landscape(tmp_path: Path) -> None:
    pages = check_printed(write_plan(big_source(), TODAY).data, tmp_path, [PORTRAIT, LANDSCAPE])
    landscape = [p for p in pages if p.width > p.height]
    assert landscape[0].lines[0].text == "附件" and landscape[0].lines[0].left == pytest.approx(37, abs=0.6)


# ---- the ledger table ------------------------------------------------------------------------


def test_the_ledger_table_is_the_ledger_layout_on_landscape_pages() -> None:
    data = write_ledger_table(ledger_rows(), TODAY, "机关党组整改台账")
    document = check_sections(data, [LANDSCAPE])
    check_table_fonts(document, 10.5)
    lines = texts(data)
    assert lines[0] == "机关党组整改台账"
    assert lines[1] == "截至2026年11月29日，“2025年度民主生活会”共列问题15个、整改措施30条，已完成10条。"
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][:4] == ["序号", "查摆方面", "问题描述", "整改措施"]
    assert len(table.rows) == 31 and table.rows[2].cells[0]._tc is table.rows[1].cells[0]._tc
    assert table.rows[1].cells[7].text == "已完成第一轮督查\n已形成学习台账"


def test_rows_of_several_sources_name_theirs_in_a_column() -> None:
    rows = ledger_rows(4)
    rows[2] = dataclasses.replace(rows[2], source="区委第三巡察组反馈意见")
    document = check_sections(write_ledger_table(rows, TODAY), [LANDSCAPE])
    assert (
        texts(write_ledger_table(rows, TODAY))[1]
        == "截至2026年11月29日，本表共列问题2个、整改措施4条，已完成2条。"
    )
    assert [c.text for c in document.tables[0].rows[0].cells][:3] == ["序号", "问题来源", "查摆方面"]
    assert document.tables[0].rows[3].cells[1].text == "区委第三巡察组反馈意见"


def test_an_empty_ledger_table_says_so() -> None:
    lines = texts(write_ledger_table([], TODAY))
    assert lines[:2] == ["整改台账", "截至2026年11月29日，没有符合条件的整改措施。"]


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_ledger_table_landscape(tmp_path: Path) -> None:
    pages = check_printed(write_ledger_table(ledger_rows(60), TODAY), tmp_path, [LANDSCAPE])
    assert len(pages) >= 2
    # the header row is repeated on every page
    assert all(
        any("问题描述" in line.text and "整改措施" in line.text for line in page.lines) for page in pages
    )
    assert all(any(line.text.startswith("序号") for line in page.lines) for page in pages)


# ---- 上年度整改落实情况 ------------------------------------------------------------------------


def test_the_previous_rectification_counts_problems_and_names_open_measures() -> None:
    outline, findings = previous_outline(inspection(), TODAY, "王建国")
    text = previous_text(outline)
    assert findings == []
    lines = text.splitlines()
    assert lines[0] == "王建国关于区委第三巡察组反馈意见查摆问题整改落实情况"
    assert lines[1] == "一、上年度巡察整改落实情况"
    assert lines[2] == (
        "区委第三巡察组反馈意见上，本人共查摆问题2方面4个，制定整改措施6条；截至2026年11月29日，"
        "已完成2条，正在推进2条，未启动1条，暂不具备整改条件1条，已整改到位的问题1个。"
    )
    assert lines[3] == "（一）理论学习方面"
    assert (
        "关于“学习制度执行不严”的问题：已建立学习台账并按月通报。尚未完成的措施：健全理论学习制度（正在推进，计划于2026年12月31日前完成）。"
        in lines
    )
    assert "（正在推进，需长期坚持）" in text and "（暂不具备整改条件）" in text


def test_the_previous_rectification_reads_back_as_the_same_outline() -> None:
    draft = write_previous(inspection(), TODAY)
    check_sections(draft.data, [PORTRAIT])
    parsed = read_bytes("previous.docx", draft.data).paragraphs
    assert [p.text for p in parsed] == previous_text(draft.outline).splitlines()


def test_a_member_without_problems_gets_a_finding_not_a_number() -> None:
    empty = RectificationSource("机关党组", "2025年度民主生活会", "民主生活会", meeting=True)
    outline, findings = previous_outline(empty, TODAY, "张伟")
    assert findings == ["2025年度民主生活会的台账中没有本人需要整改的问题"]
    assert "X" not in previous_text(outline)


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_previous_rectification(tmp_path: Path) -> None:
    check_printed(write_previous(big_source(30), TODAY, "王建国").data, tmp_path, [PORTRAIT])


# ---- 民主生活会召开情况报告 ---------------------------------------------------------------------


def test_the_meeting_report_tells_date_attendance_theme_opinions_talks_criticisms_and_problems() -> None:
    report = write_meeting_report(facts(), TODAY)
    lines = texts(report.data)
    assert lines[0] == "中共青岚区文化和旅游局党组关于召开2025年度民主生活会情况的报告"
    assert lines[1] == (
        "2025年12月20日，中共青岚区文化和旅游局党组召开2025年度民主生活会。会议主题是深入学习贯彻"
        "新时代中国特色社会主义思想。现将会议召开情况报告如下。"
    )
    joined = "\n".join(lines)
    for expected in (
        "按照会议通知要求，围绕2个方面查摆问题：理论学习方面；担当作为方面。",
        "共收到12条，其中针对领导班子的5条、针对班子成员个人的7条",
        "班子成员之间开展谈心谈话6次，实现全覆盖。",
        "班子成员撰写个人对照检查材料3份，经审核通过3份。",
        "参加会议的有王建国、张伟、刘洋，共3人。",
        "共提出批评意见3条，其中对张伟2条、对刘洋1条。",
        "会前征求的意见建议中，9条已在对照检查中作出回应，2条列入整改台账。",
        "会议共查摆问题3方面4个，制定整改措施8条",
        "会议认为，这次民主生活会达到了预期目的。",
    ):
        assert expected in joined
    assert report.findings == []
    check_sections(report.data, [PORTRAIT])


def test_sentences_whose_data_is_absent_are_left_out() -> None:
    bare = facts(
        date=None,
        theme="",
        aspects=[],
        opinions=0,
        talks=0,
        reports=0,
        criticisms=[],
        conclusions="",
        ledger=None,
    )
    report = write_meeting_report(bare, TODAY)
    lines = texts(report.data)
    assert lines[1] == "中共青岚区文化和旅游局党组召开2025年度民主生活会。现将会议召开情况报告如下。"
    assert report.findings == [
        "会议没有填写召开日期，开头未写日期",
        "会议没有填写主题",
        "会议没有确认通知要求的查摆方面",
        "没有征求意见的记录",
        "没有谈心谈话的记录",
        "没有对照检查材料的记录",
        "会议记录中没有批评意见",
        "整改台账中还没有这次会议查摆的问题",
        "会议记录中没有填写会议结论",
    ]
    assert not any("X" in line or "条，其中" in line for line in lines)


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_meeting_report(tmp_path: Path) -> None:
    long = facts(
        conclusions="\n".join(
            [
                "会议认为，这次民主生活会准备充分、主题鲜明、批评坦诚、整改措施具体，达到了统一思想、增进团结、明确方向的目的。"
            ]
            * 12
        )
    )
    check_printed(write_meeting_report(long, TODAY).data, tmp_path, [PORTRAIT])
