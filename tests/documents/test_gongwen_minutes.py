"""推进会会议纪要: the minutes of a campaign's progress meeting, read back (python-docx) for what they
say and what the record lacked, and printed by LibreOffice (A4 portrait, text in the block, page
numbers, 22 lines of 28 characters on full pages, no placeholder)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.documents.gongwen_checks import PORTRAIT, check_printed, check_sections
from tests.documents.test_gongwen_rectification import texts
from zhenggai.documents.gongwen import DecisionFacts, ProgressMeetingFacts, ordinal, write_minutes


def facts(**changes: object) -> ProgressMeetingFacts:
    found = ProgressMeetingFacts(
        organisation="中共青岚区文化和旅游局党组",
        campaign="巡察反馈问题专项整改",
        date=datetime.date(2026, 3, 12),
        number=2,
        attendees=["王建国", "张伟", "刘洋"],
        minutes="各推进组汇报了整改进展。\n\n会议分析了整改中遇到的困难。",
        decisions=[
            DecisionFacts(
                "基层调研推迟至下季度。",
                ["问题2措施1“每季度到基层调研一次”（刘洋）"],
                "完成时限延至2026年6月30日",
            ),
            DecisionFacts("各推进组每月报送一次进展"),
        ],
    )
    for name, value in changes.items():
        setattr(found, name, value)
    return found


def test_the_ordinals_are_written_as_offices_write_them() -> None:
    assert [ordinal(n) for n in (1, 2, 10, 11, 20, 23, 100)] == [
        "第一次",
        "第二次",
        "第十次",
        "第十一次",
        "第二十次",
        "第二十三次",
        "第100次",
    ]


def test_the_minutes_tell_when_who_what_was_said_and_decided() -> None:
    written = write_minutes(facts())
    assert texts(written.data) == [
        "巡察反馈问题专项整改第二次推进会会议纪要",
        "2026年3月12日，中共青岚区文化和旅游局党组召开“巡察反馈问题专项整改”第二次推进会，王建国、张伟、"
        "刘洋等3人参加会议。会议听取了整改工作推进情况汇报，研究部署了下一步工作，议定了2项事项。现纪要如下。",
        "一、会议情况",
        "各推进组汇报了整改进展。",
        "会议分析了整改中遇到的困难。",
        "二、议定事项",
        "（一）基层调研推迟至下季度。涉及整改措施1条：问题2措施1“每季度到基层调研一次”（刘洋），"
        "完成时限延至2026年6月30日。",
        "（二）各推进组每月报送一次进展。",
        "中共青岚区文化和旅游局党组",
        "2026年3月12日",
    ]
    assert written.findings == []
    check_sections(written.data, [PORTRAIT])


def test_what_the_record_lacks_is_left_out_and_named() -> None:
    written = write_minutes(facts(number=0, attendees=[], minutes=" ", decisions=[]))
    lines = texts(written.data)
    assert lines[:2] == [
        "巡察反馈问题专项整改推进会会议纪要",
        "2026年3月12日，中共青岚区文化和旅游局党组召开“巡察反馈问题专项整改”推进会。会议听取了整改工作推进"
        "情况汇报，研究部署了下一步工作。现纪要如下。",
    ]
    assert written.findings == [
        "推进会没有登记参会人员",
        "推进会没有填写会议纪要内容",
        "推进会没有登记议定事项",
    ]
    assert not any("X" in line for line in lines)


@pytest.mark.timeout(300)
def test_libreoffice_prints_the_minutes(tmp_path: Path) -> None:
    long = facts(
        minutes="\n".join(
            ["各推进组逐一汇报了牵头问题的整改进展、存在的困难和下一步打算，会议逐项进行了研究。"] * 10
        ),
        decisions=[
            DecisionFacts(
                f"第{n}项问题的整改时限按推进组意见调整，由推进组组长负责督促落实。",
                [f"问题{n}措施1“建立健全学习制度并抓好落实”（王建国）"],
                "完成时限延至2026年6月30日",
            )
            for n in range(1, 9)
        ],
    )
    check_printed(write_minutes(long).data, tmp_path, [PORTRAIT])
