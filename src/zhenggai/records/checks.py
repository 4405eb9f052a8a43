"""A report checked against the records, as findings of the report's checks (reviews/records.py):

- ZG954: attendance claimed in its 双重组织生活 part against the branch's attendance records (a number
  of times that differs, "每次都按时参加" against a recorded absence, attendance with none recorded);
- ZG955: a pledge declared kept while a matter against one of the author's pledges is still open.

Each quotes both sides. Someone with no records gets no finding (no record is not a contradiction):
no branch recorded → no ZG954; no open matter → no ZG955.
"""

from __future__ import annotations

from collections.abc import Iterable

from zhenggai.documents.checks.base import Finding
from zhenggai.documents.model import Paragraph
from zhenggai.documents.record_claims import AttendanceClaim, attendance_claims, kept_claims
from zhenggai.orgs.models import User
from zhenggai.records import commitments, dual_life
from zhenggai.records.models import DualLife


def _finding(code: str, paragraphs: dict[int, str], line: int, said: str, recorded: str) -> Finding:
    """The finding at the sentence `said` of paragraph `line`: what it says, then what the records say."""
    column = paragraphs.get(line, "").find(said) + 1 or 1
    return Finding(code, "warning", f"文中称“{said}”，但{recorded}，请核对", line, column, said)


def _contradicts(claim: AttendanceClaim, count: dual_life.YearCount) -> bool:
    if claim.times is not None:
        return claim.times != count.attended
    if claim.full:
        return count.absent > 0 or count.attended == 0
    return count.attended == 0


def attendance_findings(author: User, year: int, paragraphs: list[Paragraph]) -> list[Finding]:
    """ZG954: attendance claims the records of `year` contradict; none when no branch is recorded."""
    if not DualLife.objects.filter(person=author).exists():
        return []
    count = dual_life.year_counts([author], year, {author.pk: dual_life.required_for(author)})[author.pk]
    recorded = (
        f"记录显示{year}年参加所在党支部组织生活{count.attended}次（其中发言{count.spoke}次），"
        f"缺席{count.absent}次，要求不少于{count.required}次"
    )
    texts = {p.line: p.text for p in paragraphs}
    return [
        _finding("ZG954", texts, c.line, c.sentence, recorded)
        for c in attendance_claims(paragraphs)
        if _contradicts(c, count)
    ]


def commitment_findings(author: User, paragraphs: Iterable[Paragraph]) -> list[Finding]:
    """ZG955: pledges declared kept while a matter against one of his pledges is still open."""
    matters = commitments.open_matters(author)
    if not matters:
        return []
    paragraphs = list(paragraphs)
    texts = {p.line: p.text for p in paragraphs}
    return [
        _finding(
            "ZG955",
            texts,
            c.line,
            c.sentence,
            f"公开承诺“{m.commitment.text}”有违诺问题尚在整改：{m.description}（{m.found_on:%Y年%m月%d日}发现）",
        )
        for c in kept_claims(paragraphs)
        for m in matters
    ]


def record_findings(author: User, year: int, paragraphs: list[Paragraph]) -> list[Finding]:
    """ZG954 and ZG955 for the author's report of `year`."""
    return attendance_findings(author, year, paragraphs) + commitment_findings(author, paragraphs)
