"""Proposed ledger rows: a report's problems with the measures that answer them, feedback's problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhenggai.documents import regex
from zhenggai.documents.aspects import assign, clean_aspect
from zhenggai.documents.enums import enums_of_texts
from zhenggai.documents.feedback import read_feedback
from zhenggai.documents.model import Item, Part, Report, SourceDocument
from zhenggai.documents.overlap import cosine_matrix

#: The longest aspect the ledger stores.
MAX_ASPECT = 300
#: A measure answers a problem when it shares at least this much weighted wording with it …
THRESHOLD = 0.12
#: … or comes this close to the problem's best measure.
NEAR_BEST = 0.75
#: Measures that share the problem's aspect get this much extra.
ASPECT_BONUS = 0.1

# A label inside an item that opens its measures: "整改措施：…", "整改情况：…".
_MEASURE_LABEL = regex.compile(r"(?:整改措施|整改举措|整改情况|整改落实情况|主要措施|下一步措施)[：:]")
# An item whose heading names one problem: "1.关于重大项目推进缓慢的问题".
_PROBLEM_HEADING = regex.compile(r"^(?:关于)?.{2,80}(?:的问题|问题)[。.：:；;]?$")
# The closing lines of a document that the last part swallows: the signing body, the date.
_SIGNATURE = regex.compile(
    r"^(?:中共|中国共产党)?\S{0,40}(?:委员会|党组|党委|支部|办公室)$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)
_STRIP = " 　。；;：:，,"


@dataclass(slots=True)
class ProposedMeasure:
    """A measure the engine proposes for a problem, with how well its wording matches (0–1)."""

    text: str
    line: int
    score: float = 0.0


@dataclass(slots=True)
class ProposedProblem:
    """A problem the engine proposes for the ledger, with its aspect and its measures."""

    description: str
    aspect: str
    line: int
    measures: list[ProposedMeasure] = field(default_factory=list)


def propose_report_mapping(report: Report) -> list[ProposedProblem]:
    """Each problem of a report (item or enumerated problem) with the measures that answer it."""
    problems: list[ProposedProblem] = []
    for part in report.parts:
        if part.role == "problems":
            for item in part.items:
                problems.extend(_item_problems(item, part))
    measures = _measures_of(report)
    waiting = [p for p in problems if not p.measures]
    if waiting and measures:
        _attach(waiting, measures, report.aspects or [])
    return problems


def propose_feedback_problems(report: Report) -> list[ProposedProblem]:
    """The problems of inspection feedback (巡察反馈意见), each with its category as the aspect.

    Read by `documents.feedback` (every layout of tests/corpus/feedback), as `zhenggai feedback` does.
    """
    feedback = read_feedback(SourceDocument(report.source, "txt", report.paragraphs))
    return [
        ProposedProblem(_clean(problem.text), category.name[:MAX_ASPECT], problem.line)
        for category, problem in feedback.problems
        if _clean(problem.text)
    ]


def _item_problems(item: Item, part: Part) -> list[ProposedProblem]:
    """The problems of one item; measures written inside it ("整改措施：…") go to them directly."""
    heading = _without_marker(item.heading, item.marker)
    aspect = (
        item.aspect or _aspect_text(item.heading, item.marker) or _aspect_text(part.heading, part.marker)
    )[:MAX_ASPECT]
    text = _without_marker(item.text, item.marker)
    label = _MEASURE_LABEL.search(text)
    own_measures: list[ProposedMeasure] = []
    if _PROBLEM_HEADING.match(heading):
        # 关于…的问题: the heading is the problem, what follows is how it is (to be) rectified.
        problems = [ProposedProblem(_clean(heading), aspect, item.line)]
        own_measures = [ProposedMeasure(_clean(e.text), e.line, 1.0) for e in item.enums]
        if not own_measures and label is not None:
            own_measures = _split_measures(text[label.end() :], _label_line(item, label.group(0)))
        for p in problems:
            p.measures = own_measures
        return problems
    if item.enums:
        problems = [ProposedProblem(_clean(_before_label(e.text)), aspect, e.line) for e in item.enums]
    else:
        body = text[len(heading) :] if _is_aspect_heading(heading) else text
        problems = [ProposedProblem(_clean(_before_label(body)), aspect, item.line)]
    problems = [p for p in problems if p.description]
    if label is not None and problems:
        inline = _split_measures(text[label.end() :], _label_line(item, label.group(0)))
        _attach(problems, inline, [])
        for p in problems:
            p.measures = [ProposedMeasure(m.text, m.line, 1.0) for m in p.measures]
    return problems


def _measures_of(report: Report) -> list[ProposedMeasure]:
    measures: list[ProposedMeasure] = []
    for part in report.parts:
        if part.role != "measures":
            continue
        if part.items:
            for item in part.items:
                if len(item.enums) >= 2:
                    measures.extend(ProposedMeasure(_clean(e.text), e.line) for e in item.enums)
                else:
                    measures.append(
                        ProposedMeasure(_clean(_without_marker(item.text, item.marker)), item.line)
                    )
        else:
            texts = [(p.text, p.line, 0) for p in part.paragraphs if p.line != part.line]
            enums = enums_of_texts(texts)
            if len(enums) >= 2:
                measures.extend(ProposedMeasure(_clean(e.text), e.line) for e in enums)
            else:
                measures.extend(ProposedMeasure(_clean(t), line) for t, line, _ in texts)
    return [m for m in measures if len(m.text) >= 8 and not _SIGNATURE.match(m.text)]


def _attach(problems: list[ProposedProblem], measures: list[ProposedMeasure], aspects: list[str]) -> None:
    """Give each problem the measures that answer it; every measure goes to at least one problem."""
    scores = cosine_matrix([p.description for p in problems], [m.text for m in measures])
    if aspects:
        measure_aspects = [a for a, _ in assign(aspects, [m.text for m in measures], threshold=0.2)]
        for i, p in enumerate(problems):
            for j, a in enumerate(measure_aspects):
                if a is not None and aspects[a] == p.aspect:
                    scores[i][j] += ASPECT_BONUS
    chosen: list[set[int]] = [set() for _ in problems]
    for i, row in enumerate(scores):
        best = max(row)
        for j, s in enumerate(row):
            if s > 0 and (s == best or s >= max(THRESHOLD, NEAR_BEST * best)):
                chosen[i].add(j)
    for j in range(len(measures)):
        column = [scores[i][j] for i in range(len(problems))]
        chosen[column.index(max(column))].add(j)
    for i, p in enumerate(problems):
        p.measures = [
            ProposedMeasure(measures[j].text, measures[j].line, round(min(scores[i][j], 1.0), 3))
            for j in sorted(chosen[i])
        ]


def _split_measures(text: str, line: int) -> list[ProposedMeasure]:
    pieces = [_clean(p) for p in re.split(r"[；;]", text)]
    return [ProposedMeasure(p, line, 1.0) for p in pieces if len(p) >= 4]


def _label_line(item: Item, label: str) -> int:
    return next((p.line for p in item.paragraphs if label in p.text), item.line)


def _before_label(text: str) -> str:
    m = _MEASURE_LABEL.search(text)
    return text if m is None else text[: m.start()]


def _without_marker(text: str, marker: str) -> str:
    return text[len(marker) :] if marker and text.startswith(marker) else text


def _is_aspect_heading(heading: str) -> bool:
    return heading.rstrip(_STRIP).endswith("方面")


def _aspect_text(heading: str, marker: str) -> str:
    """The aspect a heading names ("（一）在…方面：" → "在…方面"), or "" if it names none."""
    text = _without_marker(heading, marker)
    return clean_aspect(text)[:MAX_ASPECT] if _is_aspect_heading(text) else ""


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" 　；;：:，,")
