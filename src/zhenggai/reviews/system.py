"""Checks that need the system: last year's problems and open measures, opinions routed to the author."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhenggai.documents import Report as ParsedReport
from zhenggai.documents.opinions import OpinionMatch, OpinionText, match_report
from zhenggai.documents.previous import DoneClaim, claimed_done, unmentioned_problems
from zhenggai.ledger.models import Measure, Problem, Status
from zhenggai.meetings.matching import OpinionResult
from zhenggai.meetings.models import Meeting, Opinion, Route
from zhenggai.orgs.models import User


@dataclass(slots=True)
class SystemChecks:
    """What the system adds to the engine's findings for one member's report."""

    has_previous: bool
    unmentioned: list[Problem] = field(default_factory=list)
    claimed_done: list[tuple[Measure, DoneClaim[int]]] = field(default_factory=list)
    unanswered: list[Opinion] = field(default_factory=list)
    answered: list[tuple[Opinion, Any]] = field(default_factory=list)


def previous_problems(meeting: Meeting, author: User) -> list[Problem]:
    """Last year's ledger problems with a measure owned by `author`."""
    previous = meeting.previous_meeting
    if previous is None:
        return []
    return list(
        Problem.objects.filter(source_id=previous.source_id, measures__owner=author)
        .distinct()
        .order_by("number", "id")
    )


def open_previous_measures(meeting: Meeting, author: User) -> list[Measure]:
    """Last year's measures of `author` that the ledger does not have as done."""
    previous = meeting.previous_meeting
    if previous is None:
        return []
    return list(
        Measure.objects.filter(problem__source_id=previous.source_id, owner=author)
        .exclude(status=Status.DONE)
        .select_related("problem")
        .order_by("problem__number", "number", "id")
    )


def routed_opinions(meeting: Meeting, author: User) -> list[Opinion]:
    """The opinions of the meeting routed to `author`, duplicates left out, oldest first."""
    return list(
        Opinion.objects.filter(
            meeting=meeting, route=Route.MEMBER, routed_to=author, merged_into__isnull=True
        )
        .select_related("aspect")
        .order_by("received_on", "text")
    )


def opinion_matches(opinions: list[Opinion], parsed: ParsedReport) -> dict[Any, OpinionMatch]:
    """The meetings app's matching of opinions to the report's problem items, by opinion id."""
    texts = [OpinionText(o.pk, o.text, o.aspect.text if o.aspect else None) for o in opinions]
    return {m.key: m for m in match_report(texts, parsed)}


def system_checks(meeting: Meeting, author: User, parsed: ParsedReport) -> SystemChecks:
    """What the system adds for one member's report: last year's problems it does not mention, last
    year's open measures it claims done, and the opinions routed to him, answered or not.
    """
    result = SystemChecks(has_previous=meeting.previous_meeting_id is not None)
    problems = previous_problems(meeting, author)
    if problems:
        missing = set(unmentioned_problems(parsed, [(p.pk, p.description) for p in problems]))
        result.unmentioned = [p for p in problems if p.pk in missing]
    measures = open_previous_measures(meeting, author)
    if measures:
        by_pk = {m.pk: m for m in measures}
        claims = claimed_done(parsed, [(m.pk, f"{m.problem.description} {m.text}") for m in measures])
        result.claimed_done = [(by_pk[c.key], c) for c in claims]
    opinions = routed_opinions(meeting, author)
    if opinions:
        matches = opinion_matches(opinions, parsed)
        for o in opinions:
            match = matches.get(o.pk)
            if OpinionResult(o, match).answered:
                result.answered.append((o, match))
            else:
                result.unanswered.append(o)
    return result
