"""A stored version read by the engine: its outline, findings at their places, aspect coverage."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from zhenggai.documents import Report as ParsedReport
from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import SEVERITY_LABELS, CheckContext, Finding, run_checks
from zhenggai.documents.model import ROLE_LABELS
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.models import ReportVersion
from zhenggai.reviews.records import record_findings
from zhenggai.reviews.similar import copied_findings

_RANK = {"error": 0, "warning": 1, "info": 2}
_QUOTED = re.compile(r"“([^”]{1,80})”")


@dataclass(slots=True)
class Analysis:
    """What the engine says about one version."""

    parsed: ParsedReport
    findings: list[Finding]
    aspects: list[str]

    def counts(self) -> dict[str, int]:
        """How many findings of each severity (error, warning, info), zeros included."""
        found = Counter[str](f.severity for f in self.findings)
        return {s: found.get(s, 0) for s in SEVERITY_LABELS}


@dataclass(slots=True)
class Piece:
    """A run of a paragraph; `severity` is set on text a finding points at."""

    text: str
    severity: str = ""
    message: str = ""


@dataclass(slots=True)
class ParagraphView:
    """One paragraph of the page: its anchor, its text in pieces, its findings."""

    line: int
    pieces: list[Piece]
    findings: list[Finding] = field(default_factory=list)
    severity: str = ""
    heading_level: int = 0


def meeting_aspects(meeting: Meeting) -> list[str]:
    """The texts of the meeting's aspects in their confirmed order; empty before a notice is read."""
    return [a.text for a in meeting.aspects.all()]


def analyse(
    meeting: Meeting, version: ReportVersion, *, copied: bool = False, viewer: User | None = None
) -> Analysis:
    """Parse and check a version against the meeting's aspects, and against the ledger (records.py);
    with `copied`, against the other reports too (查重: ZG801, ZG802, worded for `viewer`)."""
    aspects = meeting_aspects(meeting)
    name = version.file_name or "在线撰写"
    previous = meeting.previous_meeting_id is not None
    parsed, own = _own_checks(version.text, name, tuple(aspects), previous)
    found = [*own, *record_findings(meeting, version.report.author, parsed)]
    if copied:
        found += copied_findings(version, parsed, viewer, aspects)
    return Analysis(parsed, sorted(found, key=lambda f: (f.line, f.column)), aspects)


@functools.lru_cache(maxsize=64)
def _own_checks(
    text: str, name: str, aspects: tuple[str, ...], previous: bool
) -> tuple[ParsedReport, tuple[Finding, ...]]:
    """The version's text parsed against the aspects, and the engine's own checks of it: a pure function
    of its arguments (the records' and 查重 findings are not), so each process keeps its last 64 answers.
    A version's page is opened again and again (after its upload, by its reviewers) and its text never
    changes. Nobody changes what this returns."""
    parsed = parse_document(read_text(text, name=name), list(aspects) or None)
    context = CheckContext(aspects=list(aspects) or None, previous_meeting=previous)
    return parsed, tuple(run_checks(parsed, context))


def store_counts(version: ReportVersion, counts: dict[str, int]) -> None:
    """Keep the version's counts of findings (lists and the review board show them) when they changed:
    a version is stored with the counts of its own checks, and the worker adds those of 查重."""
    stored = (version.errors, version.warnings, version.infos)
    now = (counts["error"], counts["warning"], counts["info"])
    if version.pk is not None and stored != now:
        version.errors, version.warnings, version.infos = now
        ReportVersion.objects.filter(pk=version.pk).update(errors=now[0], warnings=now[1], infos=now[2])


def check_copied(version: ReportVersion) -> None:
    """The worker's part after indexing a version: find and keep its 查重 findings, store its counts."""
    store_counts(version, analyse(version.report.meeting, version, copied=True).counts())


def paragraph_views(version: ReportVersion, analysis: Analysis) -> list[ParagraphView]:
    """Every paragraph with the text its findings point at marked, in paragraph order."""
    by_line: dict[int, list[Finding]] = {}
    for f in analysis.findings:
        by_line.setdefault(f.line, []).append(f)
    levels = {b.line: b.level for b in analysis.parsed.blocks if b.kind == "heading"}
    views = []
    for line, text in enumerate(version.paragraphs, 1):
        findings = sorted(by_line.get(line, []), key=lambda f: (_RANK[f.severity], f.column))
        worst = findings[0].severity if findings else ""
        views.append(ParagraphView(line, _pieces(text, findings), findings, worst, levels.get(line, 0)))
    # Findings on lines past the end (a rule's summary) stay visible on the last paragraph.
    extra = [f for line, fs in by_line.items() if line > len(views) for f in fs]
    if extra and views:
        views[-1].findings.extend(extra)
    return views


def _span(text: str, finding: Finding) -> tuple[int, int] | None:
    """Where a finding points: the text its message quotes (“X”), at its column or nearest to it."""
    quoted = _QUOTED.search(finding.message)
    token = quoted.group(1).rstrip("…") if quoted else ""
    if not token:
        return None
    start = finding.column - 1
    if text.startswith(token, start):
        return start, start + len(token)
    places = [m.start() for m in re.finditer(re.escape(token), text)]
    if not places:
        return None
    nearest = min(places, key=lambda p: abs(p - start))
    return nearest, nearest + len(token)


def _pieces(text: str, findings: list[Finding]) -> list[Piece]:
    spans: list[tuple[int, int, Finding]] = []
    for f in findings:
        span = _span(text, f)
        if span is not None:
            spans.append((*span, f))
    spans.sort(key=lambda s: (s[0], _RANK[s[2].severity]))
    pieces: list[Piece] = []
    at = 0
    for start, end, f in spans:
        if start < at:
            continue
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], f.severity, f"{f.code} {f.message}"))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def outline(parsed: ParsedReport) -> list[dict[str, object]]:
    """Parts and their items, each with its line (for the outline beside the text)."""
    return [
        {
            "heading": part.heading or "（正文）",
            "role": ROLE_LABELS.get(part.role, part.role),
            "line": part.line,
            "items": [{"heading": i.heading, "line": i.line, "aspect": i.aspect} for i in part.items],
        }
        for part in parsed.parts
    ]


def coverage(analysis: Analysis) -> list[dict[str, object]]:
    """For each aspect of the meeting, the problem items that answer it."""
    items = [i for part in analysis.parsed.parts if part.role == "problems" for i in part.items]
    return [
        {
            "number": n + 1,
            "aspect": aspect,
            "items": [{"heading": i.heading, "line": i.line} for i in items if i.aspect_index == n],
        }
        for n, aspect in enumerate(analysis.aspects)
    ]
