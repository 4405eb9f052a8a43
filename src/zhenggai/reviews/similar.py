"""查重 in the system: a report version against its colleagues' reports of the same meeting, the
author's own reports of earlier years and the reference texts (templates) the office uploaded,
through the index in the database (similar_index.py) and the engine's aligner.

The texts it may be compared with are named first (the latest shared version of each colleague's
report, of each of the author's earlier reports, and the references of the meeting's organisation
and those above it); the index picks among them those sharing band keys with the version, and only
those are aligned. The notice's wording never counts. What the viewer may read decides what he sees
of a match: the passage's text only when he may read both reports; otherwise that a match exists
and its size. A reference text is readable by whoever sees the report (it circulates on the web).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery

from zhenggai.documents import Report as ParsedReport
from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks.base import Finding
from zhenggai.documents.checks.copied import long_passages, repeated_problems
from zhenggai.documents.similarity import Passage, SourceMatch, Text, align, share
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.access import can_see_report, visible_versions
from zhenggai.reviews.models import CopyCheck, ReferenceText, Report, ReportVersion
from zhenggai.reviews.similar_index import (
    candidates,
    entries_of_references,
    entries_of_versions,
    meeting_boilerplate,
    reference_text,
    version_text,
)

COLLEAGUE, EARLIER, REFERENCE = "同事材料", "本人往年材料", "参考范文"
#: The three sources, in the order the page lists their shares.
RELATIONS = (COLLEAGUE, EARLIER, REFERENCE)


@dataclass(frozen=True)
class Match:
    """What the version shares with one other text: which (a report, or a reference text), why it
    counts, the share of the version it covers, its passages, and whether the viewer may read them."""

    report: Report | None
    relation: str
    share: float
    passages: list[Passage]
    readable: bool
    reference: ReferenceText | None = None
    version: ReportVersion | None = None

    @property
    def size(self) -> int:
        """Characters shared (normalised), all passages together."""
        return sum(p.size for p in self.passages)

    @property
    def label(self) -> str:
        """What the other text is called on the page."""
        return str(self.reference if self.reference is not None else self.report)


@dataclass(frozen=True)
class Found:
    """Every match of a version and, per source, the share of the version copied from it."""

    matches: list[Match]
    shares: list[tuple[str, float, int]]


def _other_ids(version: ReportVersion) -> list[tuple[int, int, str]]:
    """(report id, version id, relation) of the latest shared version of every colleague's report of
    the meeting, then of the author's own reports of earlier meetings of the organisation: two queries."""
    report = version.report
    meeting = report.meeting
    colleagues = Report.objects.filter(meeting=meeting).exclude(pk=report.pk)
    earlier = Report.objects.filter(
        author=report.author_id, meeting__organisation=meeting.organisation_id, meeting__year__lt=meeting.year
    )
    # Each report's latest shared version (shared_versions(…).first()), for all of them at once.
    newest = ReportVersion.objects.filter(report=OuterRef("pk"), number__lte=OuterRef("shared_number"))
    latest = Subquery(newest.order_by("-number").values("pk")[:1])
    found: list[tuple[int, int, str]] = []
    for others, relation in ((colleagues, COLLEAGUE), (earlier, EARLIER)):
        rows = others.annotate(latest_id=latest).filter(latest_id__isnull=False).order_by("meeting_id", "pk")
        found += [(r, v, relation) for r, v in rows.values_list("pk", "latest_id")]
    return found


def _others(
    version: ReportVersion, ids: list[tuple[int, int, str]] | None = None
) -> list[tuple[Report, ReportVersion, str]]:
    """The reports of `_other_ids` (or `ids`) with their latest shared versions."""
    ids = _other_ids(version) if ids is None else ids
    if not ids:
        return []
    reports = Report.objects.select_related("author", "meeting").in_bulk([r for r, _, _ in ids])
    versions = ReportVersion.objects.select_related("report__meeting").in_bulk([v for _, v, _ in ids])
    return [(reports[r], versions[v], relation) for r, v, relation in ids if r in reports and v in versions]


def references_for(meeting: Meeting) -> list[ReferenceText]:
    """The reference texts of the meeting's organisation and of those above it."""
    organisations = [*meeting.organisation.ancestors(), meeting.organisation]
    return list(ReferenceText.objects.filter(organisation__in=organisations).order_by("pk"))


def find(user: User, version: ReportVersion) -> Found:
    """The texts `version` shares passages with, most shared first, and the share of it per source."""
    meeting = version.report.meeting
    others = _others(version)
    references = references_for(meeting)
    if not others and not references:
        return Found([], [])
    boilerplate = meeting_boilerplate(meeting)
    text = version_text(version, boilerplate)
    by_version = entries_of_versions([v for _, v, _ in others])
    by_reference = entries_of_references(references)
    hits = candidates(text, [*by_version.values(), *by_reference.values()])
    found: list[Match] = []
    for other, other_version, relation in others:
        if by_version[other_version.pk] in hits:
            passages = align(text, version_text(other_version, boilerplate))
            if passages:
                readable = can_see_report(user, other) and visible_versions(user, other).exists()
                found.append(
                    Match(other, relation, share(text, passages), passages, readable, None, other_version)
                )
    for reference in references:
        if by_reference[reference.pk] in hits:
            passages = align(text, reference_text(reference, boilerplate))
            if passages:
                found.append(Match(None, REFERENCE, share(text, passages), passages, True, reference))
    return Found(sorted(found, key=lambda m: -m.share), _shares(text, found))


def _shares(text: Text, found: list[Match]) -> list[tuple[str, float, int]]:
    """(source, share of the version its passages cover together, texts) for each source with a match."""
    rows = []
    for relation in RELATIONS:
        mine = [m for m in found if m.relation == relation]
        if mine:
            rows.append((relation, share(text, [p for m in mine for p in m.passages]), len(mine)))
    return rows


def matches(user: User, version: ReportVersion) -> list[Match]:
    """The texts `version` shares passages with, most shared first."""
    return find(user, version).matches


#: The findings align only the colleagues whose reports share the most index keys with the version
#: (the 查重 page lists them all): in a meeting where everyone copied one template, aligning every
#: colleague on every view made the report page take a second.
FINDING_COLLEAGUES = 5


def _worth_aligning(
    hits: Counter[int], others: list[tuple[Report, ReportVersion, str]], by_version: dict[int, int]
) -> set[int]:
    """The index entries to align: every earlier report of the author's, and the colleagues sharing most."""
    colleagues = {by_version[v.pk] for _, v, relation in others if relation != EARLIER}
    ranked = Counter({entry: n for entry, n in hits.items() if entry in colleagues})
    return {e for e, _ in ranked.most_common(FINDING_COLLEAGUES)} | {e for e in hits if e not in colleagues}


def copied_findings(
    version: ReportVersion, parsed: ParsedReport, viewer: User | None, aspects: list[str] | None = None
) -> list[Finding]:
    """ZG801 and ZG802 of a version: a problem repeating the author's problem of an earlier year, a
    long passage shared with a colleague's report of the same meeting.

    They are found once per version and kept (CopyCheck): by the worker that indexes it, or here when
    missing or found against other versions than the reports' latest shared ones. What a message says
    of the other report follows the visibility rule: its name (and for ZG801 last year's words) only
    when `viewer` may read it; otherwise that such a report exists (`viewer` None: nobody in
    particular).
    """
    return worded(current_findings(version, parsed, aspects), viewer)


def worded(entries: list[dict[str, Any]], viewer: User | None) -> list[Finding]:
    """The kept findings as `viewer` reads them (see copied_findings)."""
    if not entries:
        return []
    reports = Report.objects.select_related("meeting__organisation").in_bulk([e["report"] for e in entries])
    found: list[Finding] = []
    for entry in entries:
        other = reports.get(entry["report"])
        readable = (
            other is not None
            and viewer is not None
            and can_see_report(viewer, other)
            and visible_versions(viewer, other).exists()
        )
        found += [Finding(**f) for f in entry["readable" if readable else "hidden"]]
    return found


def current_findings(
    version: ReportVersion, parsed: ParsedReport | None = None, aspects: list[str] | None = None
) -> list[dict[str, Any]]:
    """The version's kept findings (CopyCheck.findings), found again first when missing or out of date;
    kept only for a stored version. `parsed` and `aspects` (the meeting's): when at hand."""
    ids = _other_ids(version)
    meeting = version.report.meeting
    if aspects is None:
        aspects = [a.text for a in meeting.aspects.all()]
    basis = hashlib.sha256(json.dumps([meeting.notice_text, aspects, ids]).encode()).hexdigest()
    if version.pk is not None:
        kept = CopyCheck.objects.filter(version=version).values_list("basis", "findings").first()
        if kept is not None and kept[0] == basis:
            return list(kept[1])
    if not ids:
        return []  # nothing to compare with: nothing worth keeping
    if parsed is None:
        parsed = parse_document(
            read_text(version.text, name=version.file_name or "在线撰写"), aspects or None
        )
    entries = _find_copied(version, parsed, _others(version, ids), aspects)
    if version.pk is not None:
        _keep(version, basis, entries)
    return entries


def _find_copied(
    version: ReportVersion,
    parsed: ParsedReport,
    others: list[tuple[Report, ReportVersion, str]],
    aspects: list[str],
) -> list[dict[str, Any]]:
    """Per other report the index names as a candidate, the findings worded both ways (see CopyCheck)."""
    boilerplate = meeting_boilerplate(version.report.meeting)
    text = version_text(version, boilerplate)
    by_version = entries_of_versions([v for _, v, _ in others])
    hits = _worth_aligning(candidates(text, by_version.values()), others, by_version)
    entries: list[dict[str, Any]] = []
    for other, other_version, relation in others:
        if by_version[other_version.pk] not in hits:
            continue
        by_reader: dict[bool, list[Finding]] = {}
        if relation == EARLIER:
            earlier = parse_document(read_text(other_version.text, name=str(other)), aspects or None)
            for readable in (True, False):
                name = f"{other.meeting.year}年{other}" if readable else f"{other.meeting.year}年本人材料"
                by_reader[readable] = list(
                    repeated_problems(parsed, earlier, name, boilerplate, quote=readable)
                )
        else:
            passages = align(text, version_text(other_version, boilerplate))
            shared = share(text, passages)
            for readable in (True, False):
                name = str(other) if readable else "同一次会议另一位同志的材料"
                by_reader[readable] = list(long_passages([SourceMatch(name, passages, shared)]))
        if by_reader[True]:
            entries.append(
                {
                    "report": other.pk,
                    "readable": [f.to_json() for f in by_reader[True]],
                    "hidden": [f.to_json() for f in by_reader[False]],
                }
            )
    return entries


def _keep(version: ReportVersion, basis: str, entries: list[dict[str, Any]]) -> None:
    """Keep the version's findings (two processes keeping its first ones at once: update_or_create
    meets the unique version in the second and updates the row the first stored)."""
    CopyCheck.objects.update_or_create(version=version, defaults={"basis": basis, "findings": entries})
