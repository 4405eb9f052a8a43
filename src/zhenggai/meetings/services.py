"""Creating and changing meetings, reading their notice and confirming its aspects."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.documents import DocumentError, SourceDocument, notice_aspects, read_bytes, read_text
from zhenggai.ledger.audit import AuditAction
from zhenggai.ledger.models import MEETING_KINDS, Source, SourceKind
from zhenggai.ledger.services import audit
from zhenggai.ledger.sources import create_source, update_source
from zhenggai.ledger.versions import check_version
from zhenggai.meetings.access import must_manage
from zhenggai.meetings.models import Aspect, Meeting
from zhenggai.orgs.access import can_manage
from zhenggai.orgs.models import Membership, Organisation, Role, User

#: A notice is a few pages: larger uploads are refused before they are read.
NOTICE_MAX_BYTES = 5 * 1024 * 1024
NOTICE_MAX_CHARS = 100_000
ASPECT_MAX_CHARS = 300


def candidates(organisation: Organisation) -> QuerySet[User]:
    """Who may take part: everyone with a role in the organisation itself except its reviewers."""
    reviewers = Membership.objects.filter(organisation=organisation, role=Role.REVIEWER).values("user_id")
    return (
        User.objects.filter(is_active=True, memberships__organisation=organisation)
        .exclude(pk__in=reviewers)
        .distinct()
        .order_by("display_name", "username")
    )


def default_members(organisation: Organisation) -> QuerySet[User]:
    """The usual participants: the secretary and the members of the team."""
    return candidates(organisation).filter(
        memberships__organisation=organisation, memberships__role__in=(Role.SECRETARY, Role.MEMBER)
    )


def secretaries(meeting: Meeting) -> list[User]:
    """The organisation's secretaries among the participants."""
    return list(
        meeting.members.filter(
            memberships__organisation=meeting.organisation, memberships__role=Role.SECRETARY
        ).order_by("display_name", "username")
    )


def previous_meeting_for(
    organisation: Organisation, kind: str, year: int, exclude: int | None = None
) -> Meeting | None:
    """The latest earlier meeting of the same organisation and kind (normally last year's)."""
    qs = Meeting.objects.filter(organisation=organisation, kind=kind, year__lt=year)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("-year", "-id").first()


def _check_fields(kind: str, year: int | None, theme: str) -> None:
    if kind not in [k.value for k in MEETING_KINDS]:
        raise Refusal("会议类型只能是民主生活会或组织生活会")
    if not year or not 1990 <= year <= 2100:
        raise Refusal("请填写会议年度（如 2024）")
    if len(theme) > 200:
        raise Refusal("主题不能超过 200 字")


def _check_members(organisation: Organisation, members: Iterable[User]) -> list[User]:
    members = list(members)
    allowed = set(candidates(organisation).values_list("pk", flat=True))
    strangers = [str(m) for m in members if m.pk not in allowed]
    if strangers:
        raise Refusal(f"{'、'.join(strangers)}不是“{organisation}”的人员，不能作为参会人员")
    return members


def _relink(meeting: Meeting) -> None:
    """After a meeting is created or moves to another year, every meeting of its kind finds its previous one again."""
    for other in Meeting.objects.filter(organisation=meeting.organisation, kind=meeting.kind).exclude(
        pk=meeting.pk
    ):
        best = previous_meeting_for(other.organisation, other.kind, other.year, exclude=other.pk)
        if other.previous_meeting_id != (best.pk if best else None):
            other.previous_meeting = best
            other.save(update_fields=["previous_meeting", "updated_at"])


@transaction.atomic
def create_meeting(
    actor: User,
    *,
    organisation: Organisation,
    kind: str,
    year: int,
    theme: str = "",
    date: datetime.date | None = None,
    members: Iterable[User] = (),
) -> Meeting:
    """A new meeting with its ledger source (an unused source of the same year and kind is reused).

    The organisation's row is locked: two meetings created at once neither take the same unused
    source nor link their previous meetings from a half-written list.
    """
    if not can_manage(actor, organisation):
        raise Forbidden("只有本组织的书记或办公室可以新建会议")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    theme = theme.strip()
    _check_fields(kind, year, theme)
    people = _check_members(organisation, members)
    source = Source.objects.filter(
        organisation=organisation, kind=kind, year=year, meeting__isnull=True
    ).first() or create_source(actor, kind=kind, organisation=organisation, year=year, theme=theme)
    meeting = Meeting.objects.create(
        organisation=organisation,
        kind=kind,
        year=year,
        theme=theme,
        date=date,
        source=source,
        previous_meeting=previous_meeting_for(organisation, kind, year),
        created_by=actor,
    )
    meeting.members.set(people)
    _relink(meeting)
    return meeting


def meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    """What the edit page edits, as the audit trail keeps it (people as ids, as for every row)."""
    return {
        "year": meeting.year,
        "theme": meeting.theme,
        "date": meeting.date.isoformat() if meeting.date else None,
        "members": sorted(meeting.members.values_list("pk", flat=True)),
    }


def lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting read afresh and locked until the transaction ends."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organisation", "source")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def update_meeting(
    actor: User,
    meeting: Meeting,
    *,
    year: int,
    theme: str,
    date: datetime.date | None,
    members: Iterable[User],
    version: int | None = None,
) -> Meeting:
    """Change year, theme, date and participants on the locked row; the ledger source follows year and
    theme. A change is audited and raises the meeting's version.

    Raises Forbidden unless the actor manages the meeting; Conflict (409) when `version` is not the
    current one (someone saved the meeting since the page was opened); Refusal for a bad year or
    theme, a participant from elsewhere, or no participant at all (creation falls back to the
    secretary and members; an edit that leaves nobody is a slip, not a wish).
    """
    meeting = lock_meeting(meeting)
    must_manage(actor, meeting)
    check_version(meeting, version)
    theme = theme.strip()
    _check_fields(meeting.kind, year, theme)
    people = _check_members(meeting.organisation, members)
    if not people:
        raise Refusal("请至少选择一名参会人员")
    before = meeting_snapshot(meeting)
    source = meeting.source
    if (source.year, source.theme) != (year, theme):
        automatic = f"{source.year}年度{source.theme or ''}{SourceKind(source.kind).label}"
        title = "" if source.title == automatic else source.title
        update_source(actor, source, year=year, theme=theme, title=title)
    moved = meeting.year != year
    meeting.year, meeting.theme, meeting.date = year, theme, date
    if moved:
        meeting.previous_meeting = previous_meeting_for(
            meeting.organisation, meeting.kind, year, exclude=meeting.pk
        )
    meeting.members.set(people)
    after = meeting_snapshot(meeting)
    if after != before:
        meeting.version += 1
        audit(actor, AuditAction.CHANGE, meeting, "修改会议", before, after)
    meeting.save()
    if moved:
        _relink(meeting)
    return meeting


def read_notice(*, text: str = "", name: str = "", data: bytes | None = None) -> SourceDocument:
    """The notice as the engine reads it, from an upload (`name`, `data`) or pasted `text`."""
    if data is not None:
        if len(data) > NOTICE_MAX_BYTES:
            raise Refusal(f"通知文件过大（上限 {NOTICE_MAX_BYTES // 1048576} MB），请只上传通知正文。")
        try:
            return read_bytes(name or "通知.txt", data)
        except DocumentError as exc:
            raise Refusal(exc.message) from None
    text = text.strip()
    if not text:
        raise Refusal("请粘贴通知全文，或上传 .docx / .txt 文件")
    if len(text) > NOTICE_MAX_CHARS:
        raise Refusal(f"通知过长（上限 {NOTICE_MAX_CHARS} 字），请只粘贴通知正文。")
    return read_text(text, name=name or "粘贴的通知")


@transaction.atomic
def set_notice(
    actor: User, meeting: Meeting, *, text: str = "", name: str = "", data: bytes | None = None
) -> list[str]:
    """Store the notice and the aspects the engine reads in it (to be confirmed); return those aspects.

    One transaction on the locked meeting. Raises Forbidden unless the actor manages the meeting,
    Refusal for a notice that cannot be read.
    """
    meeting = lock_meeting(meeting)
    must_manage(actor, meeting)
    document = read_notice(text=text, name=name, data=data)
    found = [a[:ASPECT_MAX_CHARS] for a in notice_aspects(document) if a.strip()]
    meeting.notice_name = (name or document.name)[:200]
    meeting.notice_text = "\n".join(p.text for p in document.paragraphs)
    meeting.notice_data = data or b""
    meeting.aspects_confirmed = False
    meeting.save()
    _replace_aspects(meeting, [(None, a) for a in dict.fromkeys(found)])
    return found


@dataclass(frozen=True)
class AspectRow:
    """One row of the confirmation form: an existing aspect (id) or a new one (None)."""

    id: int | None
    text: str
    position: float


@transaction.atomic
def confirm_aspects(actor: User, meeting: Meeting, rows: Sequence[AspectRow]) -> list[Aspect]:
    """Keep exactly `rows`, in the order of their positions: edit, reorder, add; rows left out are deleted.

    One transaction on the locked meeting, so two confirmations at once do not mix their lists.
    """
    meeting = lock_meeting(meeting)
    must_manage(actor, meeting)
    cleaned = [(r.id, " ".join(r.text.split())) for r in sorted(rows, key=lambda r: r.position)]
    cleaned = [(i, t) for i, t in cleaned if t]
    if not cleaned:
        raise Refusal("请至少保留一个查摆方面")
    too_long = [t for _, t in cleaned if len(t) > ASPECT_MAX_CHARS]
    if too_long:
        raise Refusal(f"方面“{too_long[0][:20]}…”过长（上限 {ASPECT_MAX_CHARS} 字）")
    texts = [t for _, t in cleaned]
    repeated = sorted({t for t in texts if texts.count(t) > 1})
    if repeated:
        raise Refusal(f"方面“{repeated[0]}”重复了，请删除或修改其中一个")
    known = set(meeting.aspects.values_list("pk", flat=True))
    if any(i is not None and i not in known for i, _ in cleaned):
        raise Refusal("方面列表已被修改，请刷新页面后重试")
    aspects = _replace_aspects(meeting, cleaned)
    meeting.aspects_confirmed = True
    meeting.save(update_fields=["aspects_confirmed", "updated_at"])
    return aspects


def _replace_aspects(meeting: Meeting, rows: Sequence[tuple[int | None, str]]) -> list[Aspect]:
    """Make the meeting's aspects exactly `rows`; a row without id reuses an aspect of the same text.

    Reusing rows keeps the opinions tagged with them when a notice is read again.
    """
    existing = {a.pk: a for a in meeting.aspects.all()}
    by_text = {a.text: a for a in existing.values()}
    kept: list[Aspect] = []
    for position, (pk, text) in enumerate(rows, start=1):
        aspect = existing.get(pk) if pk is not None else by_text.get(text)
        if aspect is None or aspect in kept:
            aspect = Aspect(meeting=meeting)
        aspect.text, aspect.position = text, position
        aspect.save()
        kept.append(aspect)
    meeting.aspects.exclude(pk__in=[a.pk for a in kept]).delete()
    return kept
