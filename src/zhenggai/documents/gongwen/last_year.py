"""Next year's 上年度整改落实情况, drafted from last year's meeting and its ledger (a member's or the team's).

The web app fills a `RectificationSource` with last year's problems — all of them for the team, a
member's own (those with a measure he answers for) for him — and the engine writes: the summary
("…查摆问题3方面8个，制定整改措施20条；截至…，已完成15条，正在推进4条，暂不具备整改条件1条，
已整改到位的问题5个"), then each aspect with what was done (the completion notes of its finished
measures) and the measures still open named as such, with their state and deadline. A number the
ledger lacks is left out and named in `findings`. `previous_outline` gives the same text as an
`Outline`, so the report editor can start a new report from it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhenggai.documents.gongwen.document import marker
from zhenggai.documents.gongwen.outline import Outline, Section, write_outline
from zhenggai.documents.gongwen.rectification import (
    RectificationMeasure,
    RectificationProblem,
    RectificationSource,
    chinese_date,
)
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.gongwen.text import first_sentence, sentence
from zhenggai.documents.measure_labels import STATUS_LABELS


@dataclass(slots=True)
class PreviousDraft:
    """The written .docx, the same text as an outline, and what the ledger lacked."""

    data: bytes
    outline: Outline
    findings: list[str]


def previous_outline(
    source: RectificationSource, today: datetime.date, person: str = ""
) -> tuple[Outline, list[str]]:
    """The 上年度整改落实情况 of `person` (empty: the team) from last year's `source`, as an outline."""
    findings: list[str] = []
    who = "本人" if person else "领导班子"
    part = Section(f"上年度{source.kind_label}整改落实情况", content=[_summary(source, today, who, findings)])
    problems = source.problems
    if problems and all(p.aspect.strip() for p in problems):
        aspects: dict[str, list[RectificationProblem]] = {}
        for problem in problems:
            aspects.setdefault(problem.aspect.strip(), []).append(problem)
        for aspect, members in aspects.items():
            part.content.append(
                Section(sentence(aspect, ""), content=[_problem(p, findings) for p in members])
            )
    else:
        if problems:
            findings.append("有问题没有填写所属方面，未按方面分组")
        part.content.extend(_problem(p, findings) for p in problems)
    title = f"{person or source.organisation}关于{source.title}查摆问题整改落实情况"
    return Outline(title=title, sections=[part]), list(dict.fromkeys(findings))


def write_previous(
    source: RectificationSource, today: datetime.date, person: str = "", house: HouseStyle = DEFAULT_STYLE
) -> PreviousDraft:
    """The draft as a .docx laid out by GB/T 9704, with its outline and findings."""
    outline, findings = previous_outline(source, today, person)
    return PreviousDraft(write_outline(outline, house), outline, findings)


def previous_text(outline: Outline) -> str:
    """The outline as plain text with typed markers (一、（一）), one paragraph a line, for the editor."""
    lines = [outline.title, *outline.preamble]

    def walk(sections: list[str | Section], depth: int) -> None:
        number = 0
        for item in sections:
            if isinstance(item, str):
                lines.append(item)
                continue
            number += 1
            lines.append(marker(depth, number) + item.heading + item.run_on)
            walk(item.content, depth + 1)

    walk(list(outline.sections), 0)
    return "\n".join(lines) + "\n"


def _summary(source: RectificationSource, today: datetime.date, who: str, findings: list[str]) -> str:
    problems = source.problems
    if not problems:
        findings.append(f"{source.title}的台账中没有{who if who == '本人' else ''}需要整改的问题")
        return f"{source.title}的整改台账中没有{'本人' if who == '本人' else ''}需要整改的问题。"
    aspects = len({p.aspect.strip() for p in problems if p.aspect.strip()})
    counted = (
        f"{aspects}方面{len(problems)}个" if all(p.aspect.strip() for p in problems) else f"{len(problems)}个"
    )
    measures = [m for p in problems for m in p.measures]
    text = f"{source.title}上，{who}共查摆问题{counted}，制定整改措施{len(measures)}条"
    counts = [
        (label, sum(1 for m in measures if m.status == status)) for status, label in STATUS_LABELS.items()
    ]
    states = "，".join(f"{label}{n}条" for label, n in counts if n)
    done = sum(1 for p in problems if p.state == "done")
    text += f"；截至{chinese_date(today)}，{states}" if states else ""
    return text + f"，已整改到位的问题{done}个。"


def _problem(problem: RectificationProblem, findings: list[str]) -> str:
    heading, _ = first_sentence(problem.description.strip())
    lead = f"关于“{sentence(heading, '')}”的问题："
    if not problem.measures:
        findings.append(f"问题{problem.number}没有整改措施")
        return lead + "尚未制定整改措施。"
    done = [m for m in problem.measures if m.status == "done"]
    open_ = [m for m in problem.measures if m.status != "done"]
    said = []
    for m in done:
        note = m.completion_note.strip()
        if not note:
            findings.append(f"问题{problem.number}有已完成的措施没有填写完成情况")
        said.append(sentence(note, "") if note else f"{sentence(m.text, '')}已完成")
    text = lead + ("；".join(said) + "。" if said else "")
    if open_:
        text += "尚未完成的措施：" + "；".join(_open(m) for m in open_) + "。"
    elif problem.state == "done":
        text += "该问题已整改到位。"
    return text


def _open(m: RectificationMeasure) -> str:
    state = STATUS_LABELS.get(m.status, "")
    if m.term == "ongoing":
        return f"{sentence(m.text, '')}（{state}，需长期坚持）"
    when = f"，计划于{chinese_date(m.deadline)}前完成" if m.deadline and m.status != "blocked" else ""
    return f"{sentence(m.text, '')}（{state}{when}）"
