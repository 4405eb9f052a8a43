"""Opinions (征求意见): collection links, anonymous submission, and the office's sorting."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal, TooManyRequests
from zhenggai.meetings import ratelimit
from zhenggai.meetings.access import can_read_all, must_manage
from zhenggai.meetings.holding import hold, publish_due
from zhenggai.meetings.models import Aspect, Meeting, Opinion, OpinionLink, Route
from zhenggai.orgs.models import User

OPINION_MIN_CHARS = 5
OPINION_MAX_CHARS = 2000
#: How long a form served by the collection page may be sent back.
FORM_MAX_AGE = 6 * 3600
_FORM_SALT = "zhenggai.meetings.opinion-form"


@transaction.atomic
def create_link(actor: User, meeting: Meeting, *, expires_on: datetime.date, title: str = "") -> OpinionLink:
    """A new collection link with an unguessable token (192 random bits)."""
    must_manage(actor, meeting)
    if expires_on < today():
        raise Refusal("截止日期不能早于今天")
    return OpinionLink.objects.create(
        meeting=meeting,
        token=secrets.token_urlsafe(24),
        title=title.strip()[:100],
        expires_on=expires_on,
        created_by=actor,
    )


@transaction.atomic
def close_link(actor: User, link: OpinionLink) -> OpinionLink:
    """Close a collection link now: it takes no more opinions. Closing it again changes nothing.

    One transaction on the locked row. Raises Forbidden unless the actor manages the meeting.
    """
    link = OpinionLink.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=link.pk)
    must_manage(actor, link.meeting)
    if link.closed_at is None:
        link.closed_at = timezone.now()
        link.save(update_fields=["closed_at"])
    publish_due(link.meeting)  # the last link closed: whatever waits is published
    return link


def open_link(token: str) -> OpinionLink | None:
    """The link of this token if it still takes opinions; None for unknown, expired or closed."""
    link = OpinionLink.objects.select_related("meeting__organisation").filter(token=token).first()
    if link is None or not link.is_open(today()):
        return None
    return link


def form_token(link: OpinionLink) -> str:
    """A signed token for the hidden field of one collection form: this link, served at most hours ago.

    It stands in for Django's CSRF cookie, which would be a cookie on the sender's phone.
    """
    return signing.TimestampSigner(salt=_FORM_SALT).sign(str(link.pk))


def form_token_is_valid(link: OpinionLink, token: str) -> bool:
    """True when `token` was made by form_token() for this link less than FORM_MAX_AGE seconds ago."""
    try:
        value = signing.TimestampSigner(salt=_FORM_SALT).unsign(token, max_age=FORM_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == str(link.pk)


def submit_opinion(
    link: OpinionLink,
    *,
    text: str,
    about: User | None = None,
    aspect: Aspect | None = None,
    sender: str | None = None,
) -> None:
    """Accept an anonymous opinion: its text, whom and which aspect it concerns, and the date. Nothing else.

    It is held, sealed, until its batch is published (holding.py), so it is not yet among the
    meeting's opinions when this returns. `sender` is the network address of a sender on the public
    page, only for the rate limit, which keeps nothing of it beyond a short-lived bucket
    (ratelimit.py); None for the demo and scripts. Raises TooManyRequests over the limit.
    """
    meeting = link.meeting
    text = text.strip()
    if len(text) < OPINION_MIN_CHARS:
        raise Refusal(f"意见内容太短，请至少写 {OPINION_MIN_CHARS} 个字")
    if len(text) > OPINION_MAX_CHARS:
        raise Refusal(f"意见内容太长，请不要超过 {OPINION_MAX_CHARS} 字")
    if about is not None and not meeting.members.filter(pk=about.pk).exists():
        raise Refusal("所选人员不是本次会议的参会人员，请重新选择")
    if aspect is not None and aspect.meeting_id != meeting.pk:
        raise Refusal("所选方面不属于本次会议，请重新选择")
    # The count and the held opinion in one short write (on SQLite: one turn at the lock, one
    # commit); a refusal is raised after it, so that the refused try still counts.
    with transaction.atomic():
        admitted = sender is None or ratelimit.admit(link.pk, sender)
        if admitted:
            hold(meeting, text=text, about=about, aspect=aspect)
    if not admitted:
        raise TooManyRequests("提交的人太多了，请过几分钟再提交。您写的内容还在页面上。")
    # A batch this opinion completes is published in a transaction of its own.
    publish_due(meeting)


def visible_opinions(user: User, meeting: Meeting) -> QuerySet[Opinion]:
    """Everything for the office and reviewers; to a member, only the opinions routed to him."""
    qs = meeting.opinions.select_related("about", "routed_to", "aspect", "merged_into")
    if can_read_all(user, meeting):
        return qs
    return qs.filter(route=Route.MEMBER, routed_to=user, merged_into__isnull=True)


@transaction.atomic
def sort_opinion(
    actor: User,
    opinion: Opinion,
    *,
    route: str,
    routed_to: User | None = None,
    aspect: Aspect | None = None,
    answered: bool | None = None,
) -> Opinion:
    """Route an opinion to a member or the team, tag its aspect, mark it answered; on the locked row."""
    opinion = _locked(opinion)
    meeting = opinion.meeting
    must_manage(actor, meeting)
    if route not in Route.values:
        raise Refusal("分办方式无效")
    if route == Route.MEMBER:
        if routed_to is None:
            raise Refusal("分办给个人时，请选择参会人员")
        if not meeting.members.filter(pk=routed_to.pk).exists():
            raise Refusal(f"{routed_to}不是本次会议的参会人员")
    else:
        routed_to = None
    if aspect is not None and aspect.meeting_id != meeting.pk:
        raise Refusal("所选方面不属于本次会议")
    opinion.route, opinion.routed_to, opinion.aspect = route, routed_to, aspect
    if answered is not None:
        opinion.answered = answered
    opinion.save()
    return opinion


@transaction.atomic
def merge_opinions(actor: User, keep: Opinion, others: Iterable[Opinion]) -> list[Opinion]:
    """Mark `others` as duplicates of `keep` (their own duplicates follow); `keep` stays as it is.

    Every opinion involved is read afresh and locked (in id order), so two merges at once cannot
    merge an opinion into one that was just merged itself.
    """
    asked = [keep.pk, *(o.pk for o in others)]
    locked = {o.pk: o for o in _locked_all(asked)}
    keep, chosen = locked[keep.pk], [locked[pk] for pk in asked[1:]]
    must_manage(actor, keep.meeting)
    if keep.merged_into_id is not None:
        raise Refusal("保留的意见本身已被合并，请选择其他意见作为保留项")
    merged = []
    for other in chosen:
        if other.pk == keep.pk:
            continue
        if other.meeting_id != keep.meeting_id:
            raise Refusal("只能合并同一会议的意见")
        Opinion.objects.filter(merged_into=other).update(merged_into=keep)
        other.merged_into = keep
        other.save(update_fields=["merged_into"])
        merged.append(other)
    if not merged:
        raise Refusal("请至少选择一条要合并的重复意见")
    return merged


@transaction.atomic
def unmerge_opinion(actor: User, opinion: Opinion) -> Opinion:
    """Take an opinion out of the one it was merged into: it stands on its own again.

    One transaction on the locked row. Raises Forbidden unless the actor manages the meeting.
    """
    opinion = _locked(opinion)
    must_manage(actor, opinion.meeting)
    opinion.merged_into = None
    opinion.save(update_fields=["merged_into"])
    return opinion


def _locked(opinion: Opinion) -> Opinion:
    """The opinion read afresh and locked until the transaction ends."""
    return Opinion.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=opinion.pk)


def _locked_all(pks: Iterable[object]) -> list[Opinion]:
    """The opinions `pks` read afresh and locked, in one order (by id) so two callers never deadlock."""
    rows = Opinion.objects.select_for_update(of=("self",)).select_related("meeting").filter(pk__in=set(pks))
    return list(rows.order_by("pk"))
