"""Reports checked against the ledger: what a report says compared with what the system knows.

Each finding quotes both sides — the report's sentence and the ledger's figure:

- ZG951: the number of problems (and aspects) the report claims for last year against last year's
  ledger of its author (the problems of the previous meeting with a measure he owns);
- ZG952: "已整改到位" / "全部完成" (or a count of problems done) in last year's part while the author's
  measures of last year are still open in the ledger;
- ZG953: the inspection's "X方面XX个问题" against the inspection sources (巡视/巡察/审计/督查) of the
  meeting's organisation and those above it — no finding when one of them agrees;
- ZG954 and ZG955: the 双重组织生活 and 公开承诺 parts against those records (zhenggai.records.checks).

A report whose author has no records (no previous meeting, no measure of his, no inspection source)
gets none of these findings: no record is not a disagreement.
"""

from __future__ import annotations

from zhenggai.documents import Report as ParsedReport
from zhenggai.documents.checks.base import Finding
from zhenggai.documents.model import Claim
from zhenggai.ledger.models import MEETING_KINDS, Problem, Source, Status
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.records import checks as records
from zhenggai.reviews.system import open_previous_measures, previous_problems

#: Words that say last year's problems are all rectified.
ALL_DONE = (
    "全部完成",
    "全部整改到位",
    "均已整改到位",
    "均已完成",
    "已全部整改",
    "全部整改完成",
    "已整改到位",
)


def _counted(aspects: int, problems: int) -> str:
    return f"{aspects}方面{problems}个问题" if aspects else f"{problems}个问题"


def _aspects_of(problems: list[Problem]) -> int:
    return len({p.aspect.strip() for p in problems if p.aspect.strip()})


def previous_count_findings(claims: list[Claim], problems: list[Problem], who: str) -> list[Finding]:
    """ZG951: last year's claimed counts against the author's problems of last year's ledger."""
    if not problems:
        return []
    aspects, count = _aspects_of(problems), len(problems)
    found = []
    for c in claims:
        if c.scope != "previous" or c.problems is None:
            continue
        wrong_aspects = c.aspects is not None and aspects and c.aspects != aspects
        if c.problems != count or wrong_aspects:
            message = (
                f"文中称上年度“{c.text}”，但上年度整改台账中{who}的问题为{_counted(aspects, count)}，"
                "请核对数字"
            )
            found.append(Finding("ZG951", "warning", message, c.line, c.column, c.text))
    return found


def done_findings(
    parsed: ParsedReport, claims: list[Claim], open_count: int, first_open: str
) -> list[Finding]:
    """ZG952: last year's problems said to be done while the author's measures of last year are open."""
    if not open_count:
        return []
    ledger = f"整改台账中仍有{open_count}条措施未完成（如“{first_open}”）"
    found = []
    for c in claims:
        if c.scope == "previous" and c.done is not None and "其余" not in c.text:
            found.append(
                Finding("ZG952", "warning", f"文中称“{c.text}”，但{ledger}，请核对", c.line, c.column, c.text)
            )
    said = {f.line for f in found}
    for part in parsed.parts:
        if part.role != "previous_rectification":
            continue
        for p in part.paragraphs:
            word = next((w for w in ALL_DONE if w in p.text), None)
            if word and p.line not in said:
                said.add(p.line)
                message = f"文中称“{word}”，但{ledger}，请核对或写明尚未完成的整改"
                found.append(Finding("ZG952", "warning", message, p.line, p.text.index(word) + 1, word))
    return found


def inspection_findings(claims: list[Claim], sources: list[tuple[str, int, int]]) -> list[Finding]:
    """ZG953: the inspection's claimed counts against the inspection sources (title, aspects, problems)."""
    if not sources:
        return []
    found = []
    for c in claims:
        if c.scope != "inspection" or c.problems is None:
            continue
        if any(c.problems == p and (c.aspects is None or c.aspects == a) for _, a, p in sources):
            continue
        title, a, p = sources[0]
        message = f"文中称“{c.text}”，但整改台账中“{title}”反馈{_counted(a, p)}，请核对数字"
        found.append(Finding("ZG953", "warning", message, c.line, c.column, c.text))
    return found


def inspection_sources(meeting: Meeting) -> list[tuple[str, int, int]]:
    """(title, aspects, problems) of the inspection sources of the meeting's organisation and above,
    latest first.
    """
    path = meeting.organisation.path
    # The organisation's path and its ancestors' are the prefixes of it that end in "/".
    paths = [path[: i + 1] for i, char in enumerate(path) if char == "/"]
    sources = Source.objects.filter(organisation__path__in=paths).exclude(kind__in=MEETING_KINDS)
    latest = list(sources.order_by("-feedback_date", "-id").values_list("pk", "title")[:20])
    aspects: dict[int, list[str]] = {pk: [] for pk, _ in latest}
    for source, aspect in Problem.objects.filter(source__in=aspects).values_list("source_id", "aspect"):
        aspects[source].append(aspect.strip())
    return [
        (title, len({a for a in aspects[pk] if a}), len(aspects[pk])) for pk, title in latest if aspects[pk]
    ]


def record_findings(meeting: Meeting, author: User, parsed: ParsedReport) -> list[Finding]:
    """Every finding of this module for `author`'s report of `meeting` (see the module)."""
    claims = parsed.claims
    found = previous_count_findings(claims, previous_problems(meeting, author), str(author))
    open_measures = open_previous_measures(meeting, author)
    open_measures = [m for m in open_measures if m.status != Status.DONE]
    first = open_measures[0].text[:30] if open_measures else ""
    found += done_findings(parsed, claims, len(open_measures), first)
    found += inspection_findings(claims, inspection_sources(meeting))
    found += records.record_findings(author, meeting.year, parsed.paragraphs)
    return sorted(found, key=lambda f: (f.line, f.column))
