"""Into the ledger: proposed rows from an approved report, the meeting record or inspection feedback.

The engine proposes (documents/mapping.py), the office edits and confirms; confirming stores every
included row through the ledger's services in one transaction (so every row is audited) and
records what was imported, so confirming twice never duplicates.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.documents import parse_document
from zhenggai.documents.mapping import ProposedProblem, propose_feedback_problems, propose_report_mapping
from zhenggai.ledger import services as ledger
from zhenggai.ledger.duplicates import already_in
from zhenggai.ledger.models import Problem, Source, Term
from zhenggai.meetings.models import Meeting, Opinion
from zhenggai.orgs.access import require_manager
from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews.access import shared_versions
from zhenggai.reviews.analysis import analyse
from zhenggai.reviews.models import (
    Criticism,
    FeedbackImport,
    OpinionImport,
    Report,
    ReportState,
    ReportVersion,
)
from zhenggai.reviews.system import routed_opinions, system_checks

#: The deadline proposed for a new measure (the office changes it on the confirmation page).
DEFAULT_DAYS = 180
FEEDBACK_MAX_CHARS = 200_000


@dataclass(slots=True)
class MeasureRow:
    """One proposed measure on the confirmation table: text, owner, unit, term, deadline, whether it is
    included, and the engine's mapping score (None for a row the engine did not map).
    """

    text: str
    owner: User | None = None
    unit: Organisation | None = None
    term: str = Term.DEADLINE
    deadline: datetime.date | None = None
    include: bool = True
    score: float | None = None


@dataclass(slots=True)
class ProblemRow:
    """One proposed ledger problem; `key` names what it comes from ("c12" a criticism, "o<uuid>" an opinion)."""

    description: str
    aspect: str = ""
    include: bool = True
    measures: list[MeasureRow] = field(default_factory=list)
    key: str = ""
    line: int | None = None
    origin: str = ""
    #: “台账中已有相近问题：第3个问题“…””, when the source already has this problem (see flag_duplicates).
    duplicate: str = ""


def default_deadline() -> datetime.date:
    """The deadline proposed for a new measure: DEFAULT_DAYS days from today."""
    return today() + datetime.timedelta(days=DEFAULT_DAYS)


def _rows(proposed: Sequence[ProposedProblem], owner: User | None) -> list[ProblemRow]:
    deadline = default_deadline()
    return [
        ProblemRow(
            p.description,
            p.aspect,
            measures=[
                MeasureRow(m.text, owner, None, Term.DEADLINE, deadline, True, m.score) for m in p.measures
            ],
            line=p.line,
        )
        for p in proposed
    ]


def flag_duplicates(rows: Sequence[ProblemRow], source: Source, *, leave_out: bool) -> None:
    """Mark each row whose problem the source already has (same or near-same text); `leave_out` (a fresh
    proposal) unticks it, so it goes in only when the office ticks it deliberately.
    """
    for row in rows:
        found = already_in(source, row.description)
        row.duplicate = str(found) if found else ""
        if found and leave_out:
            row.include = False


def must_manage(actor: User, organisation: Organisation) -> None:
    """Raises Forbidden unless the actor is secretary or office of `organisation` or above it."""
    require_manager(actor, organisation, "只有书记或办公室可以录入整改台账")


# --- proposals ------------------------------------------------------------------------------


def latest_version(report: Report) -> ReportVersion | None:
    """The report's version last submitted — what the office reads; what the author saved after a return
    is his own until he submits it. None before the first submission.
    """
    return shared_versions(report).first()


def report_rows(report: Report) -> list[ProblemRow]:
    """The approved report's problems with the measures the engine maps to them, owned by its author."""
    version = latest_version(report)
    if version is None:
        return []
    analysis = analyse(report.meeting, version)
    rows = _rows(propose_report_mapping(analysis.parsed), report.author)
    for row in rows:
        # With a notice, an entry under no aspect (双重组织生活情况, 巡察反馈情况 …) is rarely a problem.
        row.include = not analysis.aspects or bool(row.aspect)
        if not row.measures:
            row.measures = [MeasureRow("", report.author, None, Term.DEADLINE, default_deadline())]
    return rows


def record_rows(meeting: Meeting) -> list[ProblemRow]:
    """Criticisms and unanswered routed opinions not yet in the ledger, one problem each."""
    deadline = default_deadline()
    rows = [
        ProblemRow(
            c.text,
            measures=[MeasureRow("", c.target, None, Term.DEADLINE, deadline, True)],
            key=f"c{c.pk}",
            origin=f"批评意见：{c.speaker}对{c.target}",
        )
        for c in meeting.criticisms.filter(problem__isnull=True).select_related("speaker", "target")
    ]
    done = set(OpinionImport.objects.filter(opinion__meeting=meeting).values_list("opinion_id", flat=True))
    for report in meeting.reports.select_related("author").exclude(state=ReportState.DRAFT):
        version = latest_version(report)
        if version is None or not routed_opinions(meeting, report.author):
            continue
        checks = system_checks(meeting, report.author, analyse(meeting, version).parsed)
        rows += [
            ProblemRow(
                o.text,
                o.aspect.text if o.aspect else "",
                measures=[MeasureRow("", report.author, None, Term.DEADLINE, deadline, True)],
                key=f"o{o.pk}",
                origin=f"未回应的征求意见（{report.author}）",
            )
            for o in checks.unanswered
            if o.pk not in done
        ]
    return rows


def read_feedback(text: str) -> list[ProblemRow]:
    """The numbered problems of inspection feedback (巡察反馈意见) as proposed rows."""
    from zhenggai.documents import read_text

    text = text.strip()
    if not text:
        raise Refusal("请粘贴反馈意见全文，或上传 .docx / .txt 文件")
    if len(text) > FEEDBACK_MAX_CHARS:
        raise Refusal(f"反馈意见过长（上限 {FEEDBACK_MAX_CHARS} 字）")
    rows = _rows(propose_feedback_problems(parse_document(read_text(text, "反馈意见"))), None)
    if not rows:
        raise Refusal("没有在反馈意见中读到编号的问题（如“一是…”“（一）…”“1.…”），请检查后重试")
    deadline = default_deadline()
    for row in rows:
        row.measures = [MeasureRow("", None, None, Term.DEADLINE, deadline, True)]
    return rows


def feedback_sha(text: str) -> str:
    """The fingerprint of feedback text (stripped) that keeps a source from taking the same feedback twice."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


# --- storing --------------------------------------------------------------------------------


def _store(actor: User, source: Source, rows: Sequence[ProblemRow]) -> list[tuple[ProblemRow, Problem]]:
    """Create the included rows through the ledger's services (each audited); the caller's transaction."""
    stored = []
    for n, row in enumerate((r for r in rows if r.include), 1):
        try:
            problem = ledger.create_problem(
                actor, source=source, description=row.description, aspect=row.aspect[:300]
            )
        except Refusal as exc:
            raise Refusal(f"第{n}个问题：{exc.message}") from None
        for m, measure in enumerate((x for x in row.measures if x.include and x.text.strip()), 1):
            try:
                ledger.create_measure(
                    actor,
                    problem=problem,
                    text=measure.text,
                    term=measure.term,
                    deadline=measure.deadline,
                    owner=measure.owner,
                    unit=measure.unit,
                )
            except Refusal as exc:
                raise Refusal(f"第{n}个问题的第{m}条措施：{exc.message}") from None
        stored.append((row, problem))
    if not stored:
        raise Refusal("没有勾选任何问题，未录入台账")
    return stored


def import_report(actor: User, report: Report, rows: Sequence[ProblemRow]) -> list[Problem]:
    """An approved report's confirmed rows into the meeting's ledger source, once per report."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .select_related("meeting__source", "meeting__organisation")
            .get(pk=report.pk)
        )
        must_manage(actor, report.meeting.organisation)
        if report.state != ReportState.APPROVED:
            raise Refusal("只有审核通过的材料才能录入整改台账")
        if report.imported_version_id is not None:
            version = ReportVersion.objects.get(pk=report.imported_version_id)
            raise Refusal(f"该材料第{version.number}版已录入整改台账，不会重复录入")
        latest = latest_version(report)
        stored = _store(actor, report.meeting.source, rows)
        report.imported_version = latest
        report.imported_at, report.imported_by = timezone.now(), actor
        report.save()
    return [p for _, p in stored]


def import_record(actor: User, meeting: Meeting, rows: Sequence[ProblemRow]) -> list[Problem]:
    """Criticisms and unanswered opinions into the meeting's ledger source, each at most once."""
    with transaction.atomic():
        must_manage(actor, meeting.organisation)
        chosen = [r for r in rows if r.include]
        criticisms = {
            f"c{c.pk}": c
            for c in Criticism.objects.select_for_update().filter(
                meeting=meeting,
                pk__in=[int(r.key[1:]) for r in chosen if r.key[:1] == "c" and r.key[1:].isdigit()],
            )
        }
        opinions = {f"o{o.pk}": o for o in Opinion.objects.filter(meeting=meeting, pk__in=_uuids(chosen))}
        for r in chosen:
            if r.key in criticisms and criticisms[r.key].problem_id is not None:
                raise Refusal("其中的批评意见已录入整改台账，请刷新页面后重试")
            if r.key in opinions and OpinionImport.objects.filter(opinion=opinions[r.key]).exists():
                raise Refusal("其中的征求意见已录入整改台账，请刷新页面后重试")
            if r.key not in criticisms and r.key not in opinions:
                raise Refusal("提交的内容与本次会议不符，请刷新页面后重试")
        stored = _store(actor, meeting.source, rows)
        for row, problem in stored:
            if row.key in criticisms:
                criticisms[row.key].problem = problem
                criticisms[row.key].save(update_fields=["problem"])
            else:
                OpinionImport.objects.create(opinion=opinions[row.key], problem=problem)
    return [p for _, p in stored]


def _uuids(rows: Sequence[ProblemRow]) -> list[str]:
    import uuid

    out = []
    for r in rows:
        if r.key[:1] == "o":
            try:
                out.append(str(uuid.UUID(r.key[1:])))
            except ValueError:
                continue
    return out


def import_feedback(
    actor: User, source: Source, text: str, rows: Sequence[ProblemRow], name: str = ""
) -> list[Problem]:
    """Inspection feedback's confirmed rows into its source; the same feedback twice is refused."""
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        must_manage(actor, source.organisation)
        if source.is_meeting:
            raise Refusal("反馈意见只能录入巡视、巡察、审计或督查类问题来源")
        sha = feedback_sha(text)
        if FeedbackImport.objects.filter(source=source, sha256=sha).exists():
            raise Refusal("这份反馈意见已录入该问题来源，不会重复录入")
        stored = _store(actor, source, rows)
        FeedbackImport.objects.create(
            source=source, sha256=sha, name=name[:200], problems=len(stored), created_by=actor
        )
    return [p for _, p in stored]
