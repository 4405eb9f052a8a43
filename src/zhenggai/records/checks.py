"""A report checked against the records: attendance claimed in its 双重组织生活 part against the
branch's attendance records, a pledge declared kept while a matter against it is open.

Each finding quotes both sides. Someone with no records gets no finding (no record is not a
contradiction): no branch recorded → no attendance finding; no open matter → no pledge finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhenggai.documents.model import Paragraph
from zhenggai.documents.record_claims import AttendanceClaim, attendance_claims, kept_claims
from zhenggai.orgs.models import User
from zhenggai.records import commitments, dual_life
from zhenggai.records.access import teams_of
from zhenggai.records.models import DEFAULT_REQUIRED_PER_YEAR, DualLife


@dataclass(frozen=True)
class RecordFinding:
    """The report's sentence (with its paragraph's line) against what the records say."""

    line: int
    said: str
    recorded: str


def _required(person: User) -> int:
    teams = teams_of(person)
    return dual_life.required_per_year(teams[0]) if teams else DEFAULT_REQUIRED_PER_YEAR


def _contradicts(claim: AttendanceClaim, count: dual_life.YearCount) -> bool:
    if claim.times is not None:
        return claim.times != count.attended
    if claim.full:
        return count.absent > 0 or count.attended == 0
    return count.attended == 0


def attendance_findings(author: User, year: int, paragraphs: list[Paragraph]) -> list[RecordFinding]:
    """Attendance claims the records of `year` contradict; none when no branch is recorded for him."""
    if not DualLife.objects.filter(person=author).exists():
        return []
    count = dual_life.year_counts([author], year, {author.pk: _required(author)})[author.pk]
    recorded = (
        f"记录显示{year}年参加所在党支部组织生活{count.attended}次（其中发言{count.spoke}次），"
        f"缺席{count.absent}次，要求不少于{count.required}次"
    )
    return [
        RecordFinding(c.line, c.sentence, recorded)
        for c in attendance_claims(paragraphs)
        if _contradicts(c, count)
    ]


def commitment_findings(author: User, paragraphs: Iterable[Paragraph]) -> list[RecordFinding]:
    """Pledges declared kept while a matter against one of his pledges is still open in the ledger."""
    matters = commitments.open_matters(author)
    if not matters:
        return []
    claims = kept_claims(paragraphs)
    return [
        RecordFinding(
            c.line,
            c.sentence,
            f"公开承诺“{m.commitment.text}”有违诺问题尚在整改：{m.description}（{m.found_on:%Y年%m月%d日}发现）",
        )
        for c in claims
        for m in matters
    ]


def record_findings(author: User, year: int, paragraphs: list[Paragraph]) -> list[RecordFinding]:
    """Every contradiction between the report's paragraphs and the author's records of `year`."""
    return attendance_findings(author, year, paragraphs) + commitment_findings(author, paragraphs)
