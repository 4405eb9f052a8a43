"""Accepted opinions wait, sealed, and are published in shuffled batches: nothing stored tells when each came.

Why (docs/meetings.md, "匿名"). A row keeps the moment it was written even without a timestamp:
SQLite numbers rows in the order they are inserted (the implicit rowid, even with a UUID key),
PostgreSQL stores each row where it fits next (ctid) with the id of the transaction that wrote it
(xmin), and transaction ids can be placed in time between two audited writes. An opinion inserted
when it arrives would carry its moment to anyone who reads the table. So:

- An accepted opinion goes into HeldOpinion, sealed (sealing.py). Held rows are deleted when they
  are published, so afterwards nothing in that table, live, says when anything arrived; what the
  database keeps of deleted rows (dead rows, its log, backups) is sealed and says nothing of who
  wrote what.
- Publishing is one transaction that deletes the held rows of a batch and inserts the batch, with
  new random keys, in a random order, and does nothing else: every row of a batch has the same
  xmin, rowids and ctids follow the shuffle, and the moment of the batch is that of no opinion in
  particular. The batch is put in a fixed order before it is shuffled, so not even the order the
  holding table returns them in reaches the shuffle.

When a meeting's held opinions are published (`publish_due`):

- at least `meeting.opinion_batch` are waiting (5 by default): all of them, by the submission that
  completes the batch;
- some have waited since an earlier day: those, at the next occasion — the daily command
  (`zhenggai publish_opinions`, run by cron after midnight), the office opening the opinion pages,
  or the next submission. Whoever reads them learns their date, which the opinion shows anyway;
- the collection has ended, no link of the meeting still open (closed, or past its last day): all
  of them. Nobody else is coming, so waiting would protect no one, and the office needs them all.

So the office never waits beyond the next day, and a lone opinion is never published the minute it
arrives while the links are open.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Collection
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Count, QuerySet

from zhenggai.core.dates import today
from zhenggai.core.errors import Refusal
from zhenggai.meetings.access import must_manage
from zhenggai.meetings.models import Aspect, HeldOpinion, Meeting, Opinion
from zhenggai.meetings.sealing import Content, seal, unseal
from zhenggai.orgs.models import User

#: The batch sizes a meeting may choose: below 3 a batch hides too little.
MIN_BATCH, MAX_BATCH = 3, 100

_shuffler = random.SystemRandom()


def hold(meeting: Meeting, *, text: str, about: User | None, aspect: Aspect | None) -> HeldOpinion:
    """Keep an accepted opinion, sealed, dated today, until its batch is published."""
    content = Content(text, about.pk if about else None, aspect.pk if aspect else None)
    return HeldOpinion.objects.create(meeting=meeting, received_on=today(), sealed=seal(meeting.pk, content))


def waiting_count(meeting: Meeting) -> int:
    """How many opinions of the meeting wait to be published: a count, nothing else."""
    return HeldOpinion.objects.filter(meeting=meeting).count()


def is_collecting(meeting: Meeting, day: datetime.date) -> bool:
    """True while a collection link of the meeting takes opinions on `day`."""
    return meeting.opinion_links.filter(closed_at__isnull=True, expires_on__gte=day).exists()


def publish_due(
    meeting: Meeting, *, day: datetime.date | None = None, rng: random.Random | None = None
) -> int:
    """Publish the meeting's held opinions that are due on `day` (today): see the module's rules.

    Returns how many were published.
    """
    day = day or today()
    held = list(HeldOpinion.objects.filter(meeting=meeting).values_list("pk", "received_on"))
    if not held:
        return 0
    batch = Meeting.objects.values_list("opinion_batch", flat=True).get(pk=meeting.pk)  # not a stale copy
    if len(held) >= batch or not is_collecting(meeting, day):
        due = [pk for pk, _ in held]
    else:
        due = [pk for pk, received_on in held if received_on < day]
    return publish(meeting, due, rng=rng) if due else 0


def publish(
    meeting: Meeting, ids: Collection[UUID] | None = None, *, rng: random.Random | None = None
) -> int:
    """Publish held opinions of the meeting (those of `ids`, else all) now, as one shuffled batch.

    One transaction that deletes them from the holding table and inserts them, with new random keys,
    in an order drawn by `rng` (the system's randomness unless a test gives one), and nothing else.
    A held opinion that no key of this system opens stays held. Returns how many were published.
    """
    with transaction.atomic():
        rows = HeldOpinion.objects.select_for_update().filter(meeting=meeting)
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        opened = [(h, unseal(meeting.pk, bytes(h.sealed))) for h in rows]
        batch = [(h.pk, h.received_on, c) for h, c in opened if c is not None]
        if not batch:
            return 0
        _erase(HeldOpinion.objects.filter(pk__in=[pk for pk, _, _ in batch]))
        opinions = _opinions(meeting, [(received_on, c) for _, received_on, c in batch])
        (rng or _shuffler).shuffle(opinions)
        Opinion.objects.bulk_create(opinions)
    return len(opinions)


def publish_everywhere(day: datetime.date | None = None) -> tuple[int, int]:
    """Publish what is due in every meeting with held opinions (the daily command).

    Returns (opinions published, meetings they belong to).
    """
    published = meetings = 0
    for meeting in Meeting.objects.filter(pk__in=HeldOpinion.objects.values("meeting_id")):
        count = publish_due(meeting, day=day)
        published += count
        meetings += 1 if count else 0
    return published, meetings


def stuck(day: datetime.date | None = None) -> dict[Meeting, int]:
    """Held opinions of an earlier day still waiting after publish_everywhere(): none opens with this
    system's keys (SECRET_KEY changed?). Per meeting, how many.
    """
    day = day or today()
    counts = (
        HeldOpinion.objects.filter(received_on__lt=day)
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    by_id = dict(counts)
    return {m: by_id[m.pk] for m in Meeting.objects.filter(pk__in=by_id)}


def _erase(rows: QuerySet[HeldOpinion]) -> None:
    """Delete held rows; on SQLite with secure_delete, so their bytes are overwritten in the file too."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    rows.delete()


def _opinions(meeting: Meeting, batch: list[tuple[datetime.date, Content]]) -> list[Opinion]:
    """Unsaved opinions for the batch, in a fixed order (date, text, ids) that says nothing of arrival.

    Whom and which aspect an opinion named are kept while they still exist.
    """
    people = set(User.objects.filter(pk__in={c.about_id for _, c in batch}).values_list("pk", flat=True))
    aspects = set(
        Aspect.objects.filter(meeting=meeting, pk__in={c.aspect_id for _, c in batch}).values_list(
            "pk", flat=True
        )
    )
    ordered = sorted(batch, key=lambda b: (b[0], b[1].text, b[1].about_id or 0, b[1].aspect_id or 0))
    opinions = []
    for received_on, content in ordered:
        about = content.about_id if content.about_id in people else None
        aspect = content.aspect_id if content.aspect_id in aspects else None
        opinions.append(
            Opinion(
                meeting=meeting,
                text=content.text,
                received_on=received_on,
                about_id=about,
                submitted_aspect_id=aspect,
                aspect_id=aspect,
            )
        )
    return opinions


def set_batch_size(actor: User, meeting: Meeting, size: int) -> Meeting:
    """Publish the meeting's opinions in batches of at least `size` from now on (secretary or office).

    Raises Forbidden for anyone else, Refusal outside MIN_BATCH..MAX_BATCH. Opinions already waiting
    that now make a batch are published at once.
    """
    must_manage(actor, meeting)
    if not MIN_BATCH <= size <= MAX_BATCH:
        raise Refusal(f"每批意见条数应在 {MIN_BATCH} 到 {MAX_BATCH} 之间：太少不足以隐藏提交时间")
    meeting.opinion_batch = size
    meeting.save(update_fields=["opinion_batch", "updated_at"])
    publish_due(meeting)
    return meeting
