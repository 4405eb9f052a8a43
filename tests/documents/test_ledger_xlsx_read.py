"""Reading messy ledgers kept in Excel: title rows, merged problems, dates, terms, statuses, synonyms."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents.ledger_builders import ledger_xlsx
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx


def read(data: bytes):
    return read_ledger_xlsx(data, "台账.xlsx")


def row(
    problem="问题甲",
    measure="措施一",
    deadline="2022年3月31日",
    status="已完成",
    evidence="会议纪要.pdf",
    **kw,
):
    values = {
        "序号": kw.get("number", 1),
        "问题来源": kw.get("source", "巡察反馈"),
        "问题描述": problem,
        "整改措施": measure,
        "责任领导/责任人": kw.get("owner", "张三"),
        "责任单位": kw.get("unit", "办公室"),
        "整改时限": deadline,
        "整改进展": kw.get("progress", "已完成"),
        "完成情况": status,
        "佐证材料": evidence,
    }
    return list(values.values())


def test_it_finds_the_header_below_a_title_and_maps_every_column():
    sheet = read(ledger_xlsx([row()]))
    assert sheet.ok, sheet.errors
    assert sheet.title == "XX局巡察反馈问题整改台账"
    assert sheet.header_row == 2
    assert [c.field for c in sheet.columns] == [
        "number",
        "source",
        "problem",
        "measure",
        "owner",
        "unit",
        "deadline",
        "progress",
        "status",
        "evidence",
    ]
    (only,) = sheet.rows
    assert (only.row, only.problem, only.measure, only.owner, only.unit) == (
        3,
        "问题甲",
        "措施一",
        "张三",
        "办公室",
    )
    assert (only.deadline, only.term, only.status, only.evidence) == (
        dt.date(2022, 3, 31),
        "deadline",
        "done",
        "会议纪要.pdf",
    )


def test_it_reads_a_problem_merged_over_its_measures_as_one_problem():
    data = ledger_xlsx(
        [
            row("问题甲", "措施一"),
            row(None, "措施二", number=None),
            row(None, "措施三", number=None),
            row("问题乙", "措施四", number=2),
        ],
        merges=["A3:A5", "B3:B5", "C3:C5"],
    )
    sheet = read(data)
    assert sheet.ok, sheet.errors
    assert [(r.problem, r.measure, r.problem_ref, r.number, r.source) for r in sheet.rows] == [
        ("问题甲", "措施一", 1, "1", "巡察反馈"),
        ("问题甲", "措施二", 1, "1", "巡察反馈"),
        ("问题甲", "措施三", 1, "1", "巡察反馈"),
        ("问题乙", "措施四", 2, "2", "巡察反馈"),
    ]
    assert sheet.problem_count == 2


def test_it_continues_a_problem_under_an_empty_unmerged_cell():
    sheet = read(
        ledger_xlsx([row("问题甲", "措施一"), row("", "措施二", source=""), row("问题乙", "措施三")])
    )
    assert [(r.problem_ref, r.problem, r.source) for r in sheet.rows] == [
        (1, "问题甲", "巡察反馈"),
        (1, "问题甲", "巡察反馈"),
        (2, "问题乙", "巡察反馈"),
    ]


def test_it_keeps_a_repeated_problem_text_as_one_problem():
    sheet = read(ledger_xlsx([row("问题甲", "措施一"), row("问题甲", "措施二", number=2)]))
    assert [r.problem_ref for r in sheet.rows] == [1, 1]


def test_it_reads_two_merged_problems_with_the_same_text_as_two():
    data = ledger_xlsx(
        [row("问题甲", "措施一"), row(None, "措施二"), row("问题甲", "措施三"), row(None, "措施四")],
        merges=["C3:C4", "C5:C6"],
    )
    assert [r.problem_ref for r in read(data).rows] == [1, 1, 2, 2]


@pytest.mark.parametrize(
    ("written", "date", "term"),
    [
        ("2022年3月31日", dt.date(2022, 3, 31), "deadline"),
        ("2022.3.31", dt.date(2022, 3, 31), "deadline"),
        ("2022-03-31", dt.date(2022, 3, 31), "deadline"),
        ("2022/3/31", dt.date(2022, 3, 31), "deadline"),
        ("2022年3月", dt.date(2022, 3, 31), "deadline"),
        ("2022年2月底前", dt.date(2022, 2, 28), "deadline"),
        ("2024年2月", dt.date(2024, 2, 29), "deadline"),
        ("２０２２年６月３０日前", dt.date(2022, 6, 30), "deadline"),
        ("2022年上半年", dt.date(2022, 6, 30), "deadline"),
        ("2022年底", dt.date(2022, 12, 31), "deadline"),
        ("长期坚持", None, "ongoing"),
        ("立行立改", None, "immediate"),
        ("2022年6月底前完成，并长期坚持", dt.date(2022, 6, 30), "ongoing"),
        ("立行立改，2022年3月底前完成", dt.date(2022, 3, 31), "immediate"),
        (dt.datetime(2022, 3, 31), dt.date(2022, 3, 31), "deadline"),
        (None, None, None),
    ],
)
def test_it_reads_every_form_of_deadline(written, date, term):
    sheet = read(ledger_xlsx([row(deadline=written)]))
    assert sheet.ok, [str(e) for e in sheet.errors]
    assert (sheet.rows[0].deadline, sheet.rows[0].term) == (date, term)


def test_it_reads_an_excel_date_cell():
    data = ledger_xlsx([row(deadline=dt.date(2022, 9, 30))], date_cells=["G3"])
    assert read(data).rows[0].deadline == dt.date(2022, 9, 30)


def test_it_takes_the_year_of_a_month_without_one_from_the_rows_above_or_the_title():
    data = ledger_xlsx(
        [
            row(measure="一", deadline="3月底前"),
            row(measure="二", deadline="2023年5月"),
            row(measure="三", deadline="6月30日"),
        ],
        title="2022年度巡察反馈问题整改台账",
    )
    assert [r.deadline for r in read(data).rows] == [
        dt.date(2022, 3, 31),
        dt.date(2023, 5, 31),
        dt.date(2023, 6, 30),
    ]


def test_it_refuses_a_month_without_a_year_when_nothing_gives_one():
    sheet = read(ledger_xlsx([row(deadline="3月底前")], title="巡察反馈问题整改台账"))
    assert [str(e) for e in sheet.errors] == [
        "第3行“整改时限”列：日期“3月底”没有写年份，请写明年份（如“2022年3月底”）。"
    ]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("已完成", "done"),
        ("已整改到位", "done"),
        ("完成", "done"),
        ("已办结", "done"),
        ("已完成（已销号）", "done"),
        ("正在推进", "in_progress"),
        ("整改中", "in_progress"),
        ("推进中", "in_progress"),
        ("持续推进", "in_progress"),
        ("未启动", "not_started"),
        ("未开始", "not_started"),
        ("暂不具备整改条件", "blocked"),
    ],
)
def test_it_reads_the_status_words_offices_use(word, status):
    sheet = read(ledger_xlsx([row(status=word, progress="说明")]))
    assert sheet.ok
    assert sheet.rows[0].status == status


def test_it_flags_a_measure_done_without_evidence_and_still_reads_it():
    sheet = read(ledger_xlsx([row(evidence=None)]))
    assert sheet.ok
    assert sheet.rows[0].status == "done"
    assert [str(w) for w in sheet.warnings] == [
        "第3行“佐证材料”列：标为已完成，但没有佐证材料，已导入并标记待补。"
    ]


def test_an_impossible_date_refuses_the_file_naming_row_and_column():
    sheet = read(ledger_xlsx([row(), row(), row(), row(), row(deadline="2022年2月30日")]))
    assert not sheet.ok
    assert [str(e) for e in sheet.errors] == ["第7行“整改时限”列：日期“2022年2月30日”不存在。"]


def test_an_unknown_status_refuses_the_file_naming_row_and_column():
    sheet = read(ledger_xlsx([row(status="差不多了")]))
    assert [str(e) for e in sheet.errors] == [
        "第3行“完成情况”列：无法识别的完成情况“差不多了”，请写成“已完成”“正在推进”“未启动”“暂不具备整改条件”之一。"
    ]


def test_an_unreadable_deadline_refuses_the_file():
    sheet = read(ledger_xlsx([row(deadline="尽快")]))
    assert "无法识别时限“尽快”" in str(sheet.errors[0])


@pytest.mark.parametrize(
    "headers",
    [
        [
            "编号",
            "来源",
            "存在问题",
            "整改举措",
            "责任人",
            "责任部门",
            "完成时限",
            "进展情况",
            "状态",
            "佐证",
        ],
        [
            "序号",
            "问题来源",
            "反馈问题",
            "整改措施",
            "牵头领导",
            "牵头单位",
            "时限",
            "整改情况",
            "是否完成",
            "佐证材料",
        ],
        [
            "序 号",
            "问题\n来源",
            "具体问题",
            "整改措施",
            "责任领导",
            "责任股室",
            "整改时限",
            "整改进展",
            "整改状态",
            "佐证材料",
        ],
    ],
)
def test_it_maps_header_synonyms(headers):
    sheet = read(ledger_xlsx([row()], headers=headers))
    assert sheet.ok, sheet.errors
    assert [c.field for c in sheet.columns] == [
        "number",
        "source",
        "problem",
        "measure",
        "owner",
        "unit",
        "deadline",
        "progress",
        "status",
        "evidence",
    ]
    assert sheet.rows[0].owner == "张三"


def test_it_reports_columns_it_does_not_import():
    headers = ["序号", "问题描述", "整改措施", "责任单位", "整改时限", "完成情况", "备注", "联系电话"]
    sheet = read(
        ledger_xlsx([[1, "问题", "措施", "办公室", "2022年3月", "正在推进", "无", "123"]], headers=headers)
    )
    assert [(c.header, c.field) for c in sheet.columns if c.field is None] == [
        ("备注", None),
        ("联系电话", None),
    ]


def test_it_reads_an_aspect_heading_row_and_skips_footers():
    headers = ["序号", "问题描述", "整改措施", "责任单位", "整改时限", "完成情况", "佐证材料"]
    data = ledger_xlsx(
        [
            ["一、政治建设方面"],
            [1, "问题甲", "措施一", "办公室", "2022年3月", "正在推进", ""],
            ["二、作风建设方面"],
            [2, "问题乙", "措施二", "办公室", "2022年3月", "正在推进", ""],
            ["填表人：李四"],
        ],
        headers=headers,
    )
    sheet = read(data)
    assert sheet.ok
    assert [(r.aspect, r.problem) for r in sheet.rows] == [
        ("政治建设方面", "问题甲"),
        ("作风建设方面", "问题乙"),
    ]
    assert "此行未导入" in str(sheet.warnings[-1])


def test_it_refuses_a_problem_without_measures():
    sheet = read(ledger_xlsx([row(measure=None)]))
    assert [str(e) for e in sheet.errors] == ["第3行“整改措施”列：有问题描述但没有整改措施，请补上整改措施。"]


def test_a_sheet_without_a_ledger_header_is_an_error_not_an_exception():
    sheet = read(ledger_xlsx([["a", "b"]], headers=["姓名", "电话"], title=None))
    assert not sheet.ok
    assert "找不到表头" in str(sheet.errors[0])
