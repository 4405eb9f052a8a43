"""The meeting record: criticisms each member received (from whom, what), and the team's conclusions."""

from __future__ import annotations

from django.db import transaction

from zhenggai.core.errors import Refusal
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.access import require_manager
from zhenggai.orgs.models import User
from zhenggai.reviews.models import Criticism, Record

__all__ = ["add_criticism", "delete_criticism", "save_conclusions"]

CRITICISM_MAX_CHARS = 5000
CONCLUSIONS_MAX_CHARS = 50_000


def add_criticism(actor: User, meeting: Meeting, *, target: User, speaker: User, text: str) -> Criticism:
    """Record a criticism one participant made of another at the meeting.

    Raises Forbidden unless the actor manages the meeting's organisation; Refusal when either person
    is not a participant, both are the same, or the text is empty or longer than CRITICISM_MAX_CHARS.
    """
    require_manager(actor, meeting.organisation, "只有书记或办公室可以记录会议情况")
    people = set(meeting.members.values_list("pk", flat=True))
    if target.pk not in people or speaker.pk not in people:
        raise Refusal("提出人和被批评人都必须是本次会议的参会人员")
    if target.pk == speaker.pk:
        raise Refusal("提出人和被批评人不能是同一人（自我批评请写在本人的对照检查材料中）")
    text = text.strip()
    if not text:
        raise Refusal("批评意见不能为空")
    if len(text) > CRITICISM_MAX_CHARS:
        raise Refusal(f"批评意见过长（上限 {CRITICISM_MAX_CHARS} 字）")
    return Criticism.objects.create(
        meeting=meeting, target=target, speaker=speaker, text=text, created_by=actor
    )


@transaction.atomic
def delete_criticism(actor: User, criticism: Criticism) -> None:
    """Delete a criticism not yet in the ledger, on the locked row (the ledger import locks it too).
    Raises Forbidden unless the actor manages the meeting's organisation, Refusal once the criticism
    has become a ledger problem.
    """
    criticism = (
        Criticism.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=criticism.pk)
    )
    require_manager(actor, criticism.meeting.organisation, "只有书记或办公室可以记录会议情况")
    if criticism.problem_id is not None:
        raise Refusal("该批评意见已录入整改台账，不能删除")
    criticism.delete()


@transaction.atomic
def save_conclusions(actor: User, meeting: Meeting, text: str) -> Record:
    """Store the team's conclusions (stripped), creating the meeting's record the first time.

    Raises Forbidden unless the actor manages the meeting's organisation, Refusal when the text is
    longer than CONCLUSIONS_MAX_CHARS.
    """
    require_manager(actor, meeting.organisation, "只有书记或办公室可以记录会议情况")
    if len(text) > CONCLUSIONS_MAX_CHARS:
        raise Refusal(f"会议结论过长（上限 {CONCLUSIONS_MAX_CHARS} 字）")
    record, _ = Record.objects.update_or_create(
        meeting=meeting, defaults={"conclusions": text.strip(), "updated_by": actor}
    )
    return record
