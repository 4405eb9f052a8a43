"""ZG801, ZG802: what a report repeats from the writer's report of last year or a colleague's.

The reports to compare with come from `zhenggai check FILE --against DIR` (CheckContext.against).
The command line cannot know who wrote a report, so the meeting's year tells them apart: the year
in a report's title (…2021年度民主生活会…, else the first year its opening paragraphs name). A report
of an earlier year counts as the writer's own report of that year (pass only his own earlier
reports with his colleagues' of this meeting); a report of the same year, or of a year not
read, counts as a colleague's; a later one is left out.

- ZG801 (warning) 连续两年查摆相同问题: a problem (an enumerated point, or an item without points,
  of the problems part) whose wording repeats one of the earlier report's problems almost word for
  word — shingle Jaccard at least REPEAT_JACCARD, boilerplate and the notice's aspects left out.
  The finding names last year's problem: its file, line and opening words.
- ZG802 (error) a passage of at least LONG_PASSAGE normalised characters shared with a colleague's
  report (the aligner of `documents.similarity`), copied or edited.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report, SourceDocument

if TYPE_CHECKING:  # imported when --against is used, not by every check
    from zhenggai.documents.similarity import Boilerplate, SourceMatch

REPEAT_JACCARD = 0.6
LONG_PASSAGE = 60
#: A problem shorter than this (shingles, after boilerplate) is too short to call a repeat.
MIN_PROBLEM_SHINGLES = 12
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class _Problem:
    text: str
    line: int
    column: int


def year_of(report: Report) -> int | None:
    """The year of the meeting a report is for: the title's year, else the first in its opening."""
    for text in [report.title, *(p.text for p in report.preamble[:3])]:
        m = _YEAR.search(text or "")
        if m is not None:
            return int(m.group(1))
    return None


def problems_of(report: Report) -> list[_Problem]:
    """The problems of the report's problems parts: each enumerated point, or the item itself."""
    found = []
    for part in report.parts:
        if part.role != "problems":
            continue
        for item in part.items:
            if item.enums:
                found += [_Problem(e.marker + e.text, e.line, e.column) for e in item.enums]
            else:
                found.append(_Problem(item.text, item.line, 1))
    return found


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Compare with each report of `context.against`: earlier years for ZG801, the same year for ZG802."""
    if not context.against:
        return
    from zhenggai.documents.report import parse_document
    from zhenggai.documents.similarity import Boilerplate as Standard

    boilerplate = Standard.standard().with_texts(context.aspects or [])
    year = year_of(report)
    colleagues = []
    for other in context.against:
        parsed = parse_document(other, context.aspects)
        other_year = year_of(parsed)
        if year is not None and other_year is not None and other_year < year:
            yield from repeated_problems(report, parsed, other.name, boilerplate)
        elif year is None or other_year is None or other_year == year:
            colleagues.append(other)
    yield from _long_passages(report, colleagues, boilerplate)


def repeated_problems(
    report: Report, earlier: Report, name: str, boilerplate: Boilerplate, quote: bool = True
) -> Iterator[Finding]:
    """ZG801 for every problem of `report` repeating one of `earlier`'s (the report named `name`);
    without `quote`, the message names last year's paragraph but not its words (a reader who may
    not read that report)."""
    from zhenggai.documents.similarity import normalise, shingles

    old = [(p, frozenset(shingles(normalise(p.text))) - boilerplate.shingles) for p in problems_of(earlier)]
    for problem in problems_of(report):
        mine = frozenset(shingles(normalise(problem.text))) - boilerplate.shingles
        if len(mine) < MIN_PROBLEM_SHINGLES:
            continue
        scored = [(len(mine & s) / len(mine | s), p) for p, s in old if len(s) >= MIN_PROBLEM_SHINGLES]
        best = max(scored, key=lambda x: x[0], default=None)
        if best is None or best[0] < REPEAT_JACCARD:
            continue
        similarity, previous = best
        words = f"的问题“{excerpt(previous.text, 0, 20)}”" if quote else "的问题"
        message = (
            f"该问题与上年度材料“{name}”第{previous.line}段{words}几乎相同"
            f"（相似度{similarity:.2f}），连续两年查摆相同问题：请说明上年度整改为何未见成效，或如实查摆新的问题"
        )
        yield Finding("ZG801", "warning", message, problem.line, problem.column, excerpt(problem.text))


def _long_passages(
    report: Report, colleagues: list[SourceDocument], boilerplate: Boilerplate
) -> Iterator[Finding]:
    """ZG802 for every long passage shared with one of `colleagues` (many: through the sentence index)."""
    from zhenggai.documents.similarity import compare_texts, text_of

    mine = text_of(SourceDocument(report.source, "txt", report.paragraphs), boilerplate)
    yield from long_passages(compare_texts(mine, [text_of(other, boilerplate) for other in colleagues]))


def long_passages(matches: list[SourceMatch]) -> Iterator[Finding]:
    """ZG802 for every passage of at least LONG_PASSAGE characters of `matches` (each source named
    by its `source`)."""
    for match, passage in ((m, p) for m in matches for p in m.passages):
        if passage.size < LONG_PASSAGE:
            continue
        (line, column), (l1, _), (l2, _) = passage.left.first, passage.right.first, passage.right.last
        where = f"第{l1}段" if l1 == l2 else f"第{l1}–{l2}段"
        kind = "照搬" if passage.kind == "verbatim" else "改写"
        message = (
            f"这段文字（{passage.size}字）与“{match.source}”{where}的内容雷同（{kind}，相似度{passage.similarity:.2f}），"
            "请结合本人实际撰写"
        )
        yield Finding("ZG802", "error", message, line, column, excerpt(passage.left.text))


RULE = Rule(
    "copied",
    ("ZG801", "ZG802"),
    "查重：连续两年查摆相同问题；与同事材料大段雷同（需 --against）",
    check,
)
