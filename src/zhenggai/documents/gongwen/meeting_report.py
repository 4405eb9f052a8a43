"""民主生活会召开情况报告: how a meeting was held, to the level above, from what the system recorded.

The web app fills `MeetingFacts` (the meeting, its notice's aspects, opinions, talks, reports,
criticisms, conclusions and its ledger); the engine writes the opening (date, theme), 会前准备
(aspects, opinions collected and how they were routed, talks and their coverage, the reports and
their review), 会议召开情况 (who took part, criticisms raised, opinions answered), 查摆问题和整改措施
(counted from the ledger, by aspect) and the conclusions. A sentence whose data is absent is left
out and named in `findings` — never an "X".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.rectification import RectificationReport, RectificationSource, chinese_date
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.text import sentence


@dataclass(slots=True)
class MeetingFacts:
    """What the system recorded of one meeting, as the report needs it."""

    organisation: str
    kind_label: str
    title: str
    theme: str = ""
    date: datetime.date | None = None
    members: list[str] = field(default_factory=list)
    aspects: list[str] = field(default_factory=list)
    opinions: int = 0
    opinions_team: int = 0
    opinions_members: int = 0
    opinions_answered: int = 0
    opinions_to_ledger: int = 0
    talks: int = 0
    pairs: int = 0
    pairs_talked: int = 0
    reports: int = 0
    reports_approved: int = 0
    #: (name of the member criticised, how many criticisms), in the order of the members.
    criticisms: list[tuple[str, int]] = field(default_factory=list)
    conclusions: str = ""
    ledger: RectificationSource | None = None


def meeting_report_title(facts: MeetingFacts) -> str:
    """{组织}关于召开{会议}情况的报告"""
    return f"{facts.organisation}关于召开{facts.title}情况的报告"


def write_meeting_report(
    facts: MeetingFacts, today: datetime.date, house: HouseStyle = DEFAULT_STYLE
) -> RectificationReport:
    """The 召开情况报告 of the meeting `facts` describes, signed `today`."""
    document = GongwenDocument(house)
    findings: list[str] = []
    document.title(meeting_report_title(facts))
    document.paragraph(_opening(facts, findings))
    document.heading(0, "会前准备")
    for text in _preparation(facts, findings):
        document.paragraph(text)
    document.heading(0, "会议召开情况")
    for text in _meeting(facts, findings):
        document.paragraph(text)
    summary = _problems(document, facts, findings)
    if facts.conclusions.strip():
        document.heading(0, "会议结论")
        for line in facts.conclusions.splitlines():
            if line.strip():
                document.paragraph(line.strip())
    else:
        findings.append("会议记录中没有填写会议结论")
    document.signature(facts.organisation, chinese_date(today))
    return RectificationReport(document.to_bytes(), findings, summary)


def _opening(facts: MeetingFacts, findings: list[str]) -> str:
    when = f"{chinese_date(facts.date)}，" if facts.date else ""
    if not facts.date:
        findings.append("会议没有填写召开日期，开头未写日期")
    text = f"{when}{facts.organisation}召开{facts.title}。"
    if facts.theme.strip():
        text += f"会议主题是{sentence(facts.theme, '')}。"
    else:
        findings.append("会议没有填写主题")
    return text + "现将会议召开情况报告如下。"


def _preparation(facts: MeetingFacts, findings: list[str]) -> list[str]:
    out = []
    if facts.aspects:
        listed = "；".join(sentence(a, "") for a in facts.aspects)
        out.append(f"按照会议通知要求，围绕{len(facts.aspects)}个方面查摆问题：{listed}。")
    else:
        findings.append("会议没有确认通知要求的查摆方面")
    if facts.opinions:
        routed = [f"针对领导班子的{facts.opinions_team}条"] if facts.opinions_team else []
        if facts.opinions_members:
            routed.append(f"针对班子成员个人的{facts.opinions_members}条")
        out.append(
            f"会前广泛征求意见建议，共收到{facts.opinions}条"
            + (f"，其中{'、'.join(routed)}" if routed else "")
            + "，均已分别反馈给领导班子和相关班子成员。"
        )
    else:
        findings.append("没有征求意见的记录")
    if facts.talks:
        cover = ""
        if facts.pairs:
            cover = (
                "，实现全覆盖"
                if facts.pairs_talked >= facts.pairs
                else f"，应谈{facts.pairs}对，已谈{facts.pairs_talked}对"
            )
        out.append(f"班子成员之间开展谈心谈话{facts.talks}次{cover}。")
    else:
        findings.append("没有谈心谈话的记录")
    if facts.reports:
        approved = f"，经审核通过{facts.reports_approved}份" if facts.reports_approved else ""
        out.append(f"班子成员撰写个人对照检查材料{facts.reports}份{approved}。")
    else:
        findings.append("没有对照检查材料的记录")
    return out


def _meeting(facts: MeetingFacts, findings: list[str]) -> list[str]:
    out = []
    if facts.members:
        out.append(f"参加会议的有{'、'.join(facts.members)}，共{len(facts.members)}人。")
    else:
        findings.append("会议没有登记参会人员")
    total = sum(n for _, n in facts.criticisms)
    if total:
        each = "、".join(f"对{name}{n}条" for name, n in facts.criticisms if n)
        out.append(f"会上，班子成员逐一作对照检查发言，并开展相互批评，共提出批评意见{total}条，其中{each}。")
    else:
        findings.append("会议记录中没有批评意见")
    if facts.opinions:
        answered = [f"{facts.opinions_answered}条已在对照检查中作出回应"] if facts.opinions_answered else []
        if facts.opinions_to_ledger:
            answered.append(f"{facts.opinions_to_ledger}条列入整改台账")
        if answered:
            out.append(f"会前征求的意见建议中，{'，'.join(answered)}。")
    return out


def _problems(document: GongwenDocument, facts: MeetingFacts, findings: list[str]) -> str:
    ledger = facts.ledger
    if ledger is None or not ledger.problems:
        findings.append("整改台账中还没有这次会议查摆的问题")
        return ""
    document.heading(0, "查摆问题和整改措施")
    problems = ledger.problems
    measures = sum(len(p.measures) for p in problems)
    aspects: dict[str, int] = {}
    for problem in problems:
        aspects[problem.aspect.strip()] = aspects.get(problem.aspect.strip(), 0) + 1
    grouped = "" not in aspects
    counted = f"{len(aspects)}方面{len(problems)}个" if grouped else f"{len(problems)}个"
    summary = f"会议共查摆问题{counted}，制定整改措施{measures}条，均已列入整改台账，明确责任人和完成时限。"
    document.paragraph(summary)
    if grouped:
        for aspect, n in aspects.items():
            document.paragraph(f"{sentence(aspect, '')}：问题{n}个。")
    else:
        findings.append("有问题没有填写所属方面，未按方面统计")
    return summary
