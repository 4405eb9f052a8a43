"""The check "every opinion routed to a member is answered by his report", with the office's word on it.

The reports half (app `zhenggai.reviews`) knows where a member's report is: it registers a
provider with `set_report_provider(fn)`, fn(meeting, member) -> documents Report | None. Until a
report exists the opinion counts as unanswered unless the office confirms otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.documents import Report
from zhenggai.documents.opinions import OpinionMatch, OpinionText, match_report
from zhenggai.meetings.access import must_manage
from zhenggai.meetings.models import MatchDecision, Meeting, Opinion, Route
from zhenggai.orgs.models import User

ReportProvider = Callable[[Meeting, User], Report | None]
_provider: list[ReportProvider] = []


def set_report_provider(provider: ReportProvider | None) -> ReportProvider | None:
    """Tell the check where to find a member's report (None: no reports yet); returns the one it replaces."""
    previous = _provider[0] if _provider else None
    _provider.clear()
    if provider is not None:
        _provider.append(provider)
    return previous


def report_of(meeting: Meeting, member: User) -> Report | None:
    """The member's report as the reviews app provides it; None before a provider is set or without one."""
    return _provider[0](meeting, member) if _provider else None


@dataclass
class OpinionResult:
    """One opinion routed to a member, with the automatic match against his report (None without one)."""

    opinion: Opinion
    automatic: OpinionMatch | None

    @property
    def answered(self) -> bool:
        """The office's decision when there is one, else the automatic match."""
        if self.opinion.match_decision == MatchDecision.ANSWERED:
            return True
        if self.opinion.match_decision == MatchDecision.UNANSWERED:
            return False
        return bool(self.automatic and self.automatic.answered)


@dataclass
class MemberRow:
    """One participant on the answered-check page: the results of the opinions routed to him.

    `has_report` says whether his report was found; it is looked up only when opinions are routed to him.
    """

    member: User
    has_report: bool
    results: list[OpinionResult]

    @property
    def unanswered(self) -> list[OpinionResult]:
        """The results that count as unanswered (the office's decision first, else the automatic match)."""
        return [r for r in self.results if not r.answered]


def member_rows(meeting: Meeting) -> list[MemberRow]:
    """Each participant with the opinions routed to him (duplicates left out) and their check results."""
    routed = (
        meeting.opinions.filter(route=Route.MEMBER, merged_into__isnull=True)
        .select_related("aspect")
        .order_by("received_on", "text")
    )
    by_member: dict[int, list[Opinion]] = {}
    for o in routed:
        if o.routed_to_id is not None:
            by_member.setdefault(o.routed_to_id, []).append(o)
    rows = []
    for member in meeting.members.order_by("display_name", "username"):
        opinions = by_member.get(member.pk, [])
        report = report_of(meeting, member) if opinions else None
        matches: dict[object, OpinionMatch] = {}
        if report is not None:
            texts = [OpinionText(o.pk, o.text, o.aspect.text if o.aspect else None) for o in opinions]
            matches = {m.key: m for m in match_report(texts, report)}
        results = [OpinionResult(o, matches.get(o.pk)) for o in opinions]
        rows.append(MemberRow(member, report is not None, results))
    return rows


@transaction.atomic
def decide(actor: User, opinion: Opinion, *, decision: str, item: str = "") -> Opinion:
    """Confirm (answered / unanswered) or go back to the automatic result; `item` names the answering problem."""
    must_manage(actor, opinion.meeting)
    if decision not in MatchDecision.values:
        raise Refusal("比对结果无效")
    opinion.match_decision = decision
    opinion.matched_item = item.strip()[:500] if decision == MatchDecision.ANSWERED else ""
    opinion.save(update_fields=["match_decision", "matched_item"])
    return opinion
