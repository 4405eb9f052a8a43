"""公开承诺: a leader's pledges, his yearly statement on each, and matters found against one.

A matter opens a problem in the ledger (under a 督查 source "公开承诺践诺监督" of the pledge's
organisation, one per year), so it is tracked to done like every other problem; the pledge counts
as broken while that problem is open. Every change is one transaction and audited.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from zhenggai.core import dates
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditAction, record, snapshot
from zhenggai.ledger.models import Source, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import Organisation, User
from zhenggai.records.models import Commitment, CommitmentMatter, CommitmentStatement

#: The inspecting body of the ledger source a matter's problem goes into.
OVERSIGHT = "公开承诺践诺监督"


@transaction.atomic
def make_commitment(
    actor: User,
    person: User,
    organisation: Organisation,
    *,
    text: str,
    made_on: datetime.date,
    scope: str = "",
) -> Commitment:
    """A pledge of `person` in `organisation`, entered by its secretary or office; audited."""
    if not can_manage(actor, organisation):
        raise Forbidden("只有本组织的书记或办公室可以登记公开承诺")
    if not person.memberships.filter(organisation=organisation).exists():
        raise Refusal(f"{person}不是“{organisation}”的成员")
    if not text.strip():
        raise Refusal("请填写承诺内容")
    if made_on > dates.today():
        raise Refusal("承诺时间不能晚于今天")
    item = Commitment.objects.create(
        person=person,
        organisation=organisation,
        text=text.strip(),
        made_on=made_on,
        scope=scope.strip(),
        created_by=actor,
    )
    record(
        actor,
        AuditAction.CREATE,
        item,
        summary="登记公开承诺",
        before=None,
        after=snapshot(item),
        organisation_path=organisation.path,
    )
    return item


@transaction.atomic
def state(actor: User, commitment: Commitment, *, year: int, kept: bool, text: str) -> CommitmentStatement:
    """The yearly statement on a pledge, by the leader himself (or his office); a second one for the
    same year replaces the first. Audited.
    """
    if actor.pk != commitment.person_id and not can_manage(actor, commitment.organisation):
        raise Forbidden("只有承诺人本人或本组织办公室可以填写践诺情况")
    if not text.strip():
        raise Refusal("请填写践诺情况")
    if not commitment.made_on.year <= year <= dates.today().year:
        raise Refusal(f"年度应在 {commitment.made_on.year}–{dates.today().year} 之间")
    found = CommitmentStatement.objects.select_for_update().filter(commitment=commitment, year=year).first()
    before = snapshot(found) if found else None
    item = found or CommitmentStatement(commitment=commitment, year=year)
    item.kept, item.text = kept, text.strip()
    item.save()
    record(
        actor,
        AuditAction.CHANGE if found else AuditAction.CREATE,
        item,
        summary="填写践诺情况",
        before=before,
        after=snapshot(item),
        organisation_path=commitment.organisation.path,
    )
    return item


def _oversight_source(actor: User, organisation: Organisation, found_on: datetime.date) -> Source:
    """The organisation's 公开承诺践诺监督 source of that year, made when it is the first matter."""
    source = Source.objects.filter(
        organisation=organisation,
        kind=SourceKind.SUPERVISION,
        inspecting_body=OVERSIGHT,
        feedback_date__year=found_on.year,
    ).first()
    return source or create_source(
        actor,
        kind=SourceKind.SUPERVISION,
        organisation=organisation,
        inspecting_body=OVERSIGHT,
        feedback_date=found_on,
        year=found_on.year,
        title=f"{found_on.year}年公开承诺践诺监督",
    )


@transaction.atomic
def record_matter(
    actor: User, commitment: Commitment, *, found_on: datetime.date, description: str
) -> CommitmentMatter:
    """A matter found against a pledge: recorded and opened as a ledger problem, both audited.

    Raises Forbidden unless the actor manages the pledge's organisation; Refusal for no description
    or a date after today. Nothing is written on a refusal.
    """
    if not can_manage(actor, commitment.organisation):
        raise Forbidden("只有本组织的书记或办公室可以登记违诺问题")
    if not description.strip():
        raise Refusal("请填写问题情况")
    if found_on > dates.today():
        raise Refusal("发现时间不能晚于今天")
    source = _oversight_source(actor, commitment.organisation, found_on)
    problem = services.create_problem(
        actor,
        source=source,
        category="公开承诺",
        description=f"{commitment.person}违反公开承诺“{commitment.text[:60]}”：{description.strip()}",
    )
    item = CommitmentMatter.objects.create(
        commitment=commitment,
        found_on=found_on,
        description=description.strip(),
        problem=problem,
        created_by=actor,
    )
    record(
        actor,
        AuditAction.CREATE,
        item,
        summary="登记违诺问题",
        before=None,
        after=snapshot(item),
        problem_id=problem.pk,
        organisation_path=commitment.organisation.path,
    )
    return item


def open_matters(person: User) -> list[CommitmentMatter]:
    """The matters against the person's pledges whose ledger problem is not closed yet."""
    rows = CommitmentMatter.objects.filter(commitment__person=person).select_related("problem", "commitment")
    return [m for m in rows if m.is_open]
