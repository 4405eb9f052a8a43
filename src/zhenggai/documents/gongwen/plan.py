"""整改方案: a source's problems with their measures, owners and deadlines, and its 整改任务清单 attached.

Written from the same `RectificationSource` as the 整改落实情况报告 (the web app fills it from the
ledger): the opening, the task in numbers (problems, aspects, measures by term), each problem under
its aspect with every measure's 责任领导 (the owner), 责任单位, term and deadline, how the plan is
carried out, the 附件 line and the signature; then, in a landscape section of the same .docx, "附件"
and the 整改任务清单 table (序号, 方面 and 问题 drawn once over their measures' rows). What the ledger
lacks (a problem without aspect or measure, a measure without owner, unit or deadline) is left out of
its sentence and named in `findings`, never written as a placeholder.
"""

from __future__ import annotations

import datetime

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.rectification import (
    Discard,
    RectificationMeasure,
    RectificationProblem,
    RectificationReport,
    RectificationSource,
    Writable,
    chinese_date,
    feedback_sentence,
)
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.table import Column, attachment_label, landscape, table
from zhenggai.documents.gongwen.text import first_sentence, sentence
from zhenggai.documents.measure_labels import TERM_LABELS

ATTACHMENT_TITLE = "整改任务清单"
#: The attached table's columns (the layout offices use for a 整改任务清单).
PLAN_COLUMNS = (
    Column("序号", 0.6, centred=True, merged=True),
    Column("方面", 1.4, merged=True),
    Column("存在问题", 3.0, merged=True),
    Column("整改措施", 3.0),
    Column("责任领导", 0.9, centred=True),
    Column("责任单位", 1.2, centred=True),
    Column("整改时限", 1.3, centred=True),
)


def plan_title(source: RectificationSource) -> str:
    """{组织}关于{来源}查摆问题的整改方案 (a meeting) / …反馈问题的整改方案 (an inspection)."""
    what = "查摆问题" if source.meeting else "反馈问题"
    return f"{source.organisation}关于{source.title}{what}的整改方案"


def write_plan(
    source: RectificationSource, today: datetime.date, house: HouseStyle = DEFAULT_STYLE
) -> RectificationReport:
    """The 整改方案 of `source` dated `today`, its 整改任务清单 attached on landscape pages."""
    document = GongwenDocument(house)
    findings: list[str] = []
    document.title(plan_title(source))
    document.paragraph(_opening(source, findings))
    summary = _task_sentence(source, findings)
    document.heading(0, "整改任务")
    document.paragraph(summary)
    document.heading(0, "具体问题和整改措施")
    _problems(document, source, findings)
    document.heading(0, "组织实施")
    document.paragraph(
        "各责任领导牵头抓好分管领域的整改，各责任单位按本方案和所附整改任务清单逐条推进，立行立改的"
        "即知即改，限期整改的按时限完成，长期坚持的建立长效机制；整改进展和佐证材料及时录入整改台账，"
        "完成一条、销号一条。"
    )
    document.paragraph(f"附件：{ATTACHMENT_TITLE}")
    document.signature(source.organisation, chinese_date(today))
    landscape(document)
    attachment_label(document)
    document.title(ATTACHMENT_TITLE)
    table(document, PLAN_COLUMNS, plan_rows(source))
    return RectificationReport(document.to_bytes(), list(dict.fromkeys(findings)), summary)


def plan_findings(source: RectificationSource) -> list[str]:
    """What the data lacks for the 整改方案 of `source`, without writing it (for the source page)."""
    findings: list[str] = []
    _opening(source, findings)
    _task_sentence(source, findings)
    _problems(Discard(), source, findings)
    return list(dict.fromkeys(findings))


def plan_rows(source: RectificationSource) -> list[list[str]]:
    """The 整改任务清单's rows: one a measure (a problem without measures gets one row), the problem's
    number, aspect and text only on its first row."""
    rows: list[list[str]] = []
    for index, problem in enumerate(source.problems, 1):
        first = [str(index), problem.aspect.strip(), problem.description.strip()]
        for n, m in enumerate(problem.measures or [None]):
            lead = first if n == 0 else ["", "", ""]
            if m is None:
                rows.append([*lead, "尚未制定", "", "", ""])
                continue
            rows.append([*lead, m.text.strip(), m.owner, m.unit, term_text(m)])
    return rows


def term_text(m: RectificationMeasure) -> str:
    """立行立改 / 2026年3月31日前 / 长期坚持 — the deadline when there is one."""
    if m.term == "ongoing":
        return TERM_LABELS["ongoing"]
    if m.deadline:
        label = TERM_LABELS.get(m.term, "")
        return f"{label}\n{chinese_date(m.deadline)}前" if label else f"{chinese_date(m.deadline)}前"
    return TERM_LABELS.get(m.term, "")


def _opening(source: RectificationSource, findings: list[str]) -> str:
    org = source.organisation
    if source.meeting:
        return (
            f"为抓好{source.title}查摆问题的整改落实，{org}对查摆出的问题逐项研究，明确整改措施、"
            "责任领导、责任单位和完成时限，制定本方案。"
        )
    return (
        f"{feedback_sentence(source, findings)}为抓好反馈问题的整改落实，{org}对反馈的问题逐项研究，"
        "明确整改措施、责任领导、责任单位和完成时限，制定本方案。"
    )


def _task_sentence(source: RectificationSource, findings: list[str]) -> str:
    problems = source.problems
    verb = "查摆" if source.meeting else "反馈"
    without = sum(1 for p in problems if not p.aspect.strip())
    aspects = len({p.aspect.strip() for p in problems if p.aspect.strip()})
    if problems and without:
        findings.append(f"有{without}个问题没有填写所属方面，未写方面数，问题也未按方面分组")
    found = f"{aspects}方面{len(problems)}个" if aspects and not without else f"{len(problems)}个"
    measures = [m for p in problems for m in p.measures]
    text = f"{verb}问题共{found}，制定整改措施{len(measures)}条"
    counts = [(TERM_LABELS[t], sum(1 for m in measures if m.term == t)) for t in TERM_LABELS]
    parts = [f"{label}{n}条" for label, n in counts if n]
    if parts:
        text += "，其中" + "、".join(parts)
    return text + "。"


def _problems(document: Writable, source: RectificationSource, findings: list[str]) -> None:
    problems = source.problems
    if not problems:
        document.paragraph("台账中尚未登记问题。")
        findings.append("台账中没有登记任何问题")
        return
    if not all(p.aspect.strip() for p in problems):
        for problem in problems:
            _problem(document, problem, 1, findings)
        return
    aspects: dict[str, list[RectificationProblem]] = {}
    for problem in problems:
        aspects.setdefault(problem.aspect.strip(), []).append(problem)
    for aspect, members in aspects.items():
        document.heading(1, sentence(aspect, "。"))
        for problem in members:
            _problem(document, problem, 2, findings)


def _problem(document: Writable, problem: RectificationProblem, depth: int, findings: list[str]) -> None:
    heading, rest = first_sentence(problem.description.strip())
    document.heading(depth, heading, rest)
    if not problem.measures:
        findings.append(f"问题{problem.number}还没有整改措施")
        document.paragraph("该问题尚未制定整改措施。")
        return
    for index, m in enumerate(problem.measures, 1):
        document.paragraph(_measure(problem, index, m, findings))


def _measure(problem: RectificationProblem, index: int, m: RectificationMeasure, findings: list[str]) -> str:
    where = f"问题{problem.number}的措施{index}"
    parts = []
    if m.owner:
        parts.append(f"责任领导：{m.owner}")
    else:
        findings.append(f"{where}没有填写责任人")
    if m.unit:
        parts.append(f"责任单位：{m.unit}")
    else:
        findings.append(f"{where}没有填写责任单位")
    if m.term == "deadline" and not m.deadline:
        findings.append(f"{where}是限期整改但没有填写完成时限")
    term = term_text(m).replace("\n", "，")
    if term:
        parts.append(f"整改时限：{term}")
    tail = "；".join(parts)
    return f"措施{index}：{sentence(m.text, '。')}" + (f"{tail}。" if tail else "")
