"""整改落实情况报告: the report to the level above on how a source's problems were rectified.

Built from the ledger's data alone (the web app fills `RectificationSource`; the engine stays free
of Django): the summary sentence computed from the problems and measures, each problem under its
aspect with what was done (completion notes, latest progress), what remains and why, the measures
kept 长期坚持, the extensions with their reasons. Nothing is left as a placeholder: what the data
lacks is left out of the sentence it belongs to and named in `findings`, for the office to complete
in the ledger before sending the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.text import first_sentence, sentence


@dataclass(slots=True)
class RectificationMeasure:
    """One measure as the report needs it; `status` and `term` are the ledger's code names."""

    text: str
    status: str
    term: str
    deadline: datetime.date | None = None
    original_deadline: datetime.date | None = None
    extension_reason: str = ""
    completion_note: str = ""
    completed_on: datetime.date | None = None
    latest_progress: str = ""
    blocked_reason: str = ""
    review_date: datetime.date | None = None
    owner: str = ""
    unit: str = ""


@dataclass(slots=True)
class RectificationProblem:
    """One problem: its number, aspect, description, whether it is closed (销号) and its measures."""

    number: int
    aspect: str
    description: str
    closed: bool = False
    measures: list[RectificationMeasure] = field(default_factory=list)

    @property
    def state(self) -> str:
        """done (已整改到位: closed, or every measure done), blocked (what remains cannot be done
        yet), or in_progress (anything else, also a problem still without measures)."""
        if self.closed or (self.measures and all(m.status == "done" for m in self.measures)):
            return "done"
        open_ = [m for m in self.measures if m.status != "done"]
        if open_ and all(m.status == "blocked" for m in open_):
            return "blocked"
        return "in_progress"


@dataclass(slots=True)
class RectificationSource:
    """A source of problems (巡察反馈, a meeting, …) with its problems, as the report needs it."""

    organisation: str
    title: str
    #: What the source is called in sentences: 巡察, 巡视, 审计, 督查, 民主生活会 …
    kind_label: str
    meeting: bool = False
    inspecting_body: str = ""
    feedback_date: datetime.date | None = None
    problems: list[RectificationProblem] = field(default_factory=list)
    #: For a campaign (专项整改): the sources its problems come from, as a sentence names them
    #: ("市委第一巡察组巡察反馈意见、2021年度民主生活会"); the report then speaks of the campaign.
    campaign_of: str = ""


@dataclass(slots=True)
class RectificationReport:
    """The written .docx and what the data lacked (in Chinese, one finding a line)."""

    data: bytes
    findings: list[str]
    summary: str


def chinese_date(day: datetime.date) -> str:
    """2026年11月29日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def feedback_sentence(source: RectificationSource, findings: list[str]) -> str:
    """ "2026年3月15日，区委第三巡察组向…反馈了巡察意见。": the date and the body when the data has them
    (what it lacks appended to `findings`)."""
    when = f"{chinese_date(source.feedback_date)}，" if source.feedback_date else ""
    if not source.feedback_date:
        findings.append("没有填写反馈日期，开头未写反馈时间")
    body = source.inspecting_body.strip()
    if not body:
        findings.append(f"没有填写{source.kind_label}机构，开头未写反馈机构")
    org, kind = source.organisation, source.kind_label
    return f"{when}{body}向{org}反馈了{kind}意见。" if body else f"{when}{org}收到{kind}反馈意见。"


def summary_sentence(source: RectificationSource, today: datetime.date) -> tuple[str, list[str]]:
    """截至…，共反馈问题5方面18个，已整改到位12个，正在推进5个，暂不具备整改条件1个；制定整改措施…

    The aspects are counted only when every problem has one; otherwise the sentence leaves them out
    and a finding says how many problems lack one.
    """
    problems = source.problems
    findings: list[str] = []
    verb = "纳入" if source.campaign_of else "查摆" if source.meeting else "反馈"
    without_aspect = sum(1 for p in problems if not p.aspect.strip())
    aspects = len({p.aspect.strip() for p in problems if p.aspect.strip()})
    if problems and without_aspect:
        findings.append(f"有{without_aspect}个问题没有填写所属方面，总体情况中未写方面数")
    found = (
        f"共{verb}问题{aspects}方面{len(problems)}个"
        if aspects and not without_aspect
        else f"共{verb}问题{len(problems)}个"
    )
    states = [p.state for p in problems]
    measures = [m for p in problems for m in p.measures]
    done = sum(1 for m in measures if m.status == "done")
    text = (
        f"截至{chinese_date(today)}，{found}，已整改到位{states.count('done')}个，"
        f"正在推进{states.count('in_progress')}个，暂不具备整改条件{states.count('blocked')}个；"
        f"制定整改措施{len(measures)}条，已完成{done}条"
    )
    ongoing = sum(1 for m in measures if m.term == "ongoing")
    if ongoing:
        text += f"，需长期坚持{ongoing}条"
    return text + "。", findings


def write_rectification_report(
    source: RectificationSource,
    today: datetime.date,
    house: HouseStyle = DEFAULT_STYLE,
    *,
    numbering: bool = False,
) -> RectificationReport:
    """The 整改落实情况报告 of `source` as of `today`, laid out by GB/T 9704."""
    document = GongwenDocument(house, numbering=numbering)
    writer = _Writer(source, today, document)
    writer.write()
    return RectificationReport(document.to_bytes(), writer.findings, writer.summary)


def rectification_findings(source: RectificationSource, today: datetime.date) -> list[str]:
    """What the data lacks for the report of `source`, without writing it (for the source page)."""
    writer = _Writer(source, today, Discard())
    writer.write()
    return writer.findings


class Writable(Protocol):
    """What the writers call on a document: a GongwenDocument, or one that keeps nothing."""

    def title(self, text: str) -> None:
        """The document's title."""

    def heading(self, depth: int, text: str, run_on: str = "") -> None:
        """A numbered heading at `depth`, body text `run_on` after it."""

    def paragraph(self, text: str) -> None:
        """A paragraph of body text."""

    def signature(self, *lines: str) -> None:
        """The closing lines (issuer, date)."""


class Discard:
    """A document that keeps nothing: the writer run only for its findings."""

    def title(self, text: str) -> None:
        """Nothing kept."""

    def heading(self, depth: int, text: str, run_on: str = "") -> None:
        """Nothing kept."""

    def paragraph(self, text: str) -> None:
        """Nothing kept."""

    def signature(self, *lines: str) -> None:
        """Nothing kept."""


class _Writer:
    def __init__(self, source: RectificationSource, today: datetime.date, document: Writable) -> None:
        self.source = source
        self.today = today
        self.document = document
        self.findings: list[str] = []
        self.summary = ""

    def write(self) -> None:
        source, doc = self.source, self.document
        what = "查摆问题" if source.meeting and not source.campaign_of else ""
        doc.title(f"{source.organisation}关于{source.title}{what}整改落实情况的报告")
        doc.paragraph(self._opening())
        self.summary, found = summary_sentence(source, self.today)
        self.findings.extend(found)
        doc.heading(0, "总体情况")
        doc.paragraph(self.summary)
        doc.heading(0, "问题整改情况")
        self._problems()
        self._ongoing()
        self._extended()
        self._remaining()
        doc.signature(source.organisation, chinese_date(self.today))

    def _opening(self) -> str:
        source = self.source
        if source.campaign_of:
            return (
                f"{source.organisation}将{source.campaign_of}中的问题纳入“{source.title}”集中推进，"
                "成立整改推进组，逐项制定整改措施，明确责任人、责任单位和完成时限，定期召开推进会。"
                "现将整改落实情况报告如下。"
            )
        if source.meeting:
            return (
                f"针对{source.title}查摆的问题，{source.organisation}逐项制定整改措施，明确责任人、"
                "责任单位和完成时限，推动整改落实。现将整改落实情况报告如下。"
            )
        return (
            f"{feedback_sentence(source, self.findings)}{source.organisation}对反馈的问题逐项制定整改措施，明确责任人、"
            "责任单位和完成时限，推动整改落实。现将整改落实情况报告如下。"
        )

    def _problems(self) -> None:
        problems = self.source.problems
        if not problems:
            self.document.paragraph(f"本次{self.source.kind_label}未登记问题。")
            self.findings.append("台账中没有登记任何问题")
            return
        grouped = all(p.aspect.strip() for p in problems)
        if not grouped:
            for problem in problems:
                self._problem(problem, 1)
            return
        aspects: dict[str, list[RectificationProblem]] = {}
        for problem in problems:
            aspects.setdefault(problem.aspect.strip(), []).append(problem)
        for aspect, members in aspects.items():
            self.document.heading(1, sentence(aspect, "。"))
            for problem in members:
                self._problem(problem, 2)

    def _problem(self, problem: RectificationProblem, depth: int) -> None:
        heading, rest = first_sentence(problem.description.strip())
        self.document.heading(depth, heading, rest)
        if not problem.measures:
            self.findings.append(f"问题{problem.number}还没有整改措施")
            self.document.paragraph("该问题尚未制定整改措施。")
            return
        state = {"done": "已整改到位", "blocked": "暂不具备整改条件", "in_progress": "正在推进"}[
            problem.state
        ]
        closed = "，已销号" if problem.closed else ""
        self.document.paragraph(f"整改情况：{state}{closed}。共制定整改措施{len(problem.measures)}条。")
        for index, measure in enumerate(problem.measures, 1):
            self.document.paragraph(self._measure(problem, index, measure))

    def _measure(self, problem: RectificationProblem, index: int, m: RectificationMeasure) -> str:
        who = "、".join(x for x in (m.unit, m.owner) if x)
        lead = f"措施{index}：{sentence(m.text, '。')}"
        if who:
            lead += f"（责任：{who}）"
        if m.status == "done":
            when = f"于{chinese_date(m.completed_on)}" if m.completed_on else ""
            if not m.completion_note.strip():
                self.findings.append(f"问题{problem.number}的措施{index}已完成但没有填写完成情况")
                return f"{lead}已{when}完成。"
            return f"{lead}已{when}完成。{sentence(m.completion_note, '。')}"
        if m.status == "blocked":
            reason = sentence(m.blocked_reason, "") if m.blocked_reason.strip() else ""
            if not reason:
                self.findings.append(f"问题{problem.number}的措施{index}暂不具备整改条件但没有填写原因")
            review = f"，拟于{chinese_date(m.review_date)}复查" if m.review_date else ""
            because = f"，原因是{reason}" if reason else ""
            return f"{lead}暂不具备整改条件{because}{review}。"
        progress = sentence(m.latest_progress, "。") if m.latest_progress.strip() else ""
        state = "正在推进" if m.status == "in_progress" else "尚未启动"
        deadline = self._deadline(m)
        return f"{lead}{state}{deadline}。{progress}"

    @staticmethod
    def _deadline(m: RectificationMeasure) -> str:
        if m.term == "ongoing":
            return "，需长期坚持"
        if m.deadline:
            return f"，计划于{chinese_date(m.deadline)}前完成"
        return ""

    def _ongoing(self) -> None:
        ongoing = [m for p in self.source.problems for m in p.measures if m.term == "ongoing"]
        if not ongoing:
            return
        self.document.heading(0, f"需要长期坚持的措施（{len(ongoing)}条）")
        for measure in ongoing:
            who = "、".join(x for x in (measure.unit, measure.owner) if x)
            self.document.paragraph(sentence(measure.text, "。") + (f"（责任：{who}）" if who else ""))

    def _extended(self) -> None:
        extended = [
            (p, i, m)
            for p in self.source.problems
            for i, m in enumerate(p.measures, 1)
            if m.original_deadline and m.deadline and m.original_deadline != m.deadline
        ]
        if not extended:
            return
        self.document.heading(0, f"延期事项（{len(extended)}条）")
        for problem, index, m in extended:
            assert m.original_deadline and m.deadline
            reason = m.extension_reason.strip()
            if not reason:
                self.findings.append(f"问题{problem.number}的措施{index}延期但没有填写延期原因")
            because = f"，延期原因：{sentence(reason, '')}" if reason else ""
            self.document.paragraph(
                f"{sentence(m.text, '')}：原定{chinese_date(m.original_deadline)}完成，"
                f"延期至{chinese_date(m.deadline)}{because}。"
            )

    def _remaining(self) -> None:
        remaining = [
            m
            for p in self.source.problems
            for m in p.measures
            if m.status in ("in_progress", "not_started") and m.term != "ongoing"
        ]
        blocked = [m for p in self.source.problems for m in p.measures if m.status == "blocked"]
        if not remaining and not blocked:
            return
        self.document.heading(0, "下一步工作")
        if remaining:
            dated = sorted(m.deadline for m in remaining if m.deadline)
            last = f"，最晚一条时限为{chinese_date(dated[-1])}" if dated else ""
            self.document.paragraph(
                f"尚有{len(remaining)}条整改措施正在推进或尚未启动{last}，将按时限逐条推进，完成一条、销号一条。"
            )
        if blocked:
            self.document.paragraph(
                f"暂不具备整改条件的措施{len(blocked)}条，将在复查日期重新研判，条件具备后立即整改。"
            )
