"""推进会会议纪要: the minutes of a campaign's progress meeting, from what the system recorded.

The web app fills `ProgressMeetingFacts` (the campaign, which meeting of it this is, its date,
attendees, the minutes typed on the page and each decision with the measures it touched and what it
did to them); the engine writes the title, the opening (when, who, how many), 一、会议情况 (the
minutes as typed, one paragraph a line), 二、议定事项 (one run-in heading a decision, then the
measures it touched and its action) and the issuer with the meeting's date. What the record lacks is
left out and named in `findings` — never an "X".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.rectification import RectificationReport, chinese_date
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.text import sentence

_NUMERALS = "零一二三四五六七八九十"


@dataclass(slots=True)
class DecisionFacts:
    """One decision (议定事项): its text, the measures it touched (as the page labels them) and what
    it did to them in words ("完成时限延至2026年3月1日", "状态变更为正在推进"; empty: only recorded)."""

    text: str
    measures: list[str] = field(default_factory=list)
    action: str = ""


@dataclass(slots=True)
class ProgressMeetingFacts:
    """What the system recorded of one progress meeting (推进会) of a campaign."""

    organisation: str
    campaign: str
    date: datetime.date
    #: Which meeting of the campaign this is (1 for the first, by date); 0 when unknown.
    number: int = 0
    attendees: list[str] = field(default_factory=list)
    minutes: str = ""
    decisions: list[DecisionFacts] = field(default_factory=list)


def ordinal(number: int) -> str:
    """第一次 … 第九十九次 (Chinese numerals, as offices number their meetings)."""
    tens, units = divmod(number, 10)
    if number < 10:
        spoken = _NUMERALS[number]
    elif number < 100:
        spoken = (_NUMERALS[tens] if tens > 1 else "") + "十" + (_NUMERALS[units] if units else "")
    else:
        spoken = str(number)
    return f"第{spoken}次"


def minutes_title(facts: ProgressMeetingFacts) -> str:
    """{专项整改}第二次推进会会议纪要 (the ordinal left out when unknown)."""
    which = ordinal(facts.number) if facts.number > 0 else ""
    return f"{facts.campaign}{which}推进会会议纪要"


def write_minutes(facts: ProgressMeetingFacts, house: HouseStyle = DEFAULT_STYLE) -> RectificationReport:
    """The 会议纪要 of the progress meeting `facts` describes, signed with its organisation and date;
    `summary` is the opening paragraph."""
    document = GongwenDocument(house)
    findings: list[str] = []
    document.title(minutes_title(facts))
    opening = _opening(facts, findings)
    document.paragraph(opening)
    lines = [line.strip() for line in facts.minutes.splitlines() if line.strip()]
    if lines:
        document.heading(0, "会议情况")
        for line in lines:
            document.paragraph(line)
    else:
        findings.append("推进会没有填写会议纪要内容")
    if facts.decisions:
        document.heading(0, "议定事项")
        for decision in facts.decisions:
            document.heading(1, sentence(decision.text, "。"), _decision_body(decision))
    else:
        findings.append("推进会没有登记议定事项")
    document.signature(facts.organisation, chinese_date(facts.date))
    return RectificationReport(document.to_bytes(), findings, opening)


def _opening(facts: ProgressMeetingFacts, findings: list[str]) -> str:
    which = ordinal(facts.number) if facts.number > 0 else ""
    text = f"{chinese_date(facts.date)}，{facts.organisation}召开“{facts.campaign}”{which}推进会"
    if facts.attendees:
        text += f"，{'、'.join(facts.attendees)}等{len(facts.attendees)}人参加会议"
    else:
        findings.append("推进会没有登记参会人员")
    text += "。会议听取了整改工作推进情况汇报，研究部署了下一步工作"
    if facts.decisions:
        text += f"，议定了{len(facts.decisions)}项事项。现纪要如下。"
    else:
        text += "。现纪要如下。"
    return text


def _decision_body(decision: DecisionFacts) -> str:
    if not decision.measures:
        return ""
    touched = "；".join(decision.measures)
    done = f"，{decision.action}" if decision.action else ""
    return f"涉及整改措施{len(decision.measures)}条：{touched}{done}。"
