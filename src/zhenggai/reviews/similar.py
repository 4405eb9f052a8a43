"""查重 in the system: a report version against its colleagues' reports of the same meeting and the
author's own reports of earlier years, through the engine (zhenggai.documents.similarity).

Computed when the page is asked for (a meeting's reports are a handful; no stored index yet). The
notice's wording never counts. What the viewer may read decides what he sees of a match: the
passage's text only when he may read both reports; otherwise that a match exists and its size.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhenggai.documents.similarity import Passage, boilerplate_for, compare_texts, text_of
from zhenggai.orgs.models import User
from zhenggai.reviews.access import can_see_report, shared_versions, visible_versions
from zhenggai.reviews.models import Report, ReportVersion
from zhenggai.reviews.services import read_written


@dataclass(frozen=True)
class Match:
    """What the version shares with one other report: which, why it counts, the share of the version
    it covers, its passages, and whether the viewer may read them."""

    report: Report
    relation: str
    share: float
    passages: list[Passage]
    readable: bool

    @property
    def size(self) -> int:
        """Characters shared (normalised), all passages together."""
        return sum(p.size for p in self.passages)


def _others(version: ReportVersion) -> list[tuple[Report, ReportVersion, str]]:
    """The latest shared version of every colleague's report of the meeting, then the author's own
    reports of earlier meetings of the organisation (their latest shared version)."""
    report = version.report
    found: list[tuple[Report, ReportVersion, str]] = []
    colleagues = Report.objects.filter(meeting=report.meeting).exclude(pk=report.pk).select_related("author")
    earlier = Report.objects.filter(
        author=report.author,
        meeting__organisation=report.meeting.organisation,
        meeting__year__lt=report.meeting.year,
    ).select_related("author", "meeting")
    for others, relation in ((colleagues, "同事材料"), (earlier, "本人往年材料")):
        for other in others:
            latest = shared_versions(other).first()
            if latest is not None:
                found.append((other, latest, relation))
    return found


def matches(user: User, version: ReportVersion) -> list[Match]:
    """The reports `version` shares passages with, most shared first."""
    others = _others(version)
    if not others:
        return []
    notice = version.report.meeting.notice_text
    boilerplate = boilerplate_for(read_written(notice) if notice.strip() else None)
    text = text_of(read_written(version.text), boilerplate)
    texts = [text_of(read_written(v.text), boilerplate) for _, v, _ in others]
    found = []
    for (other, _, relation), result in zip(others, compare_texts(text, texts), strict=True):
        if result.passages:
            readable = can_see_report(user, other) and visible_versions(user, other).exists()
            found.append(Match(other, relation, result.share, result.passages, readable))
    return sorted(found, key=lambda m: -m.share)
