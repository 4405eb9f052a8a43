"""ZG301–ZG304: parts a self-examination report must have (problems, causes, measures, last year's rectification)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.items import is_report
from zhenggai.documents.model import Report

_CAUSES = regex.compile(r"原因|根源|根子|症结|剖析")
_MEASURES = regex.compile(r"措施|举措|努力方向|整改方向|改进方向|下一步|今后|打算|整改计划|整改思路")
#: The report itself says there was a meeting last year.
_PREVIOUS_MEETING = regex.compile(
    r"(?:上年度|上一年度|上年|去年|上次|上一次|前次|上一轮)[^。；]{0,12}(?:民主生活会|组织生活会)"
)


def mentions_previous_meeting(report: Report) -> bool:
    """True when the report speaks of last year's (or the last) 民主生活会/组织生活会."""
    return any(_PREVIOUS_MEETING.search(p.text) for p in report.paragraphs)


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Only reports: notices and inspection documents have other parts."""
    if not is_report(report):
        return
    line = report.parts[0].line if report.parts else 1
    roles = {p.role for p in report.parts}
    headings = [p.heading for p in report.parts] + [i.heading for p in report.parts for i in p.items]
    if "problems" not in roles:
        yield Finding(
            "ZG301", "error", "未找到“存在的问题”部分，请按要求查摆问题，并以“一、存在的问题”等标题列出", line
        )
    if "causes" not in roles and not any(_CAUSES.search(h) for h in headings):
        yield Finding(
            "ZG302", "error", "未找到“原因剖析”部分，请针对查摆的问题剖析思想根源，单列一部分", line
        )
    if "measures" not in roles and not any(_MEASURES.search(h) for h in headings):
        yield Finding("ZG303", "error", "未找到“整改措施”部分，请针对查摆的问题逐条提出整改措施", line)
    if "previous_rectification" not in roles:
        if context.previous_meeting:
            yield Finding(
                "ZG304",
                "error",
                "会议通知要求报告上年度民主生活会整改措施落实情况，材料中未找到这一部分，请补充",
                line,
            )
        elif mentions_previous_meeting(report):
            yield Finding(
                "ZG304",
                "warning",
                "材料提到上次民主生活会或组织生活会，但未单列“上年度整改落实情况”部分，请补充",
                line,
            )


RULE = Rule(
    "required-parts",
    ("ZG301", "ZG302", "ZG303", "ZG304"),
    "缺少必备部分：存在的问题、原因剖析、整改措施；有上次会议时的上年度整改落实情况",
    check,
)
