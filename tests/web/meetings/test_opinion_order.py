"""Nothing stored tells when, or in what order, opinions were sent: these tests read the tables themselves.

SQLite numbers rows in the order they are inserted (rowid); PostgreSQL keeps where each row lies
(ctid) and the transaction that wrote it (xmin), and transaction ids can be placed in time. Five
opinions sent in a known order are published as one batch whose rowids and ctids follow a shuffle
— the same shuffle whatever order they were sent in — and whose rows share one xmin; afterwards no
table holds anything that ties an opinion to a moment finer than its date.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import unittest
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from tests.web.base import make_person
from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import opinions, services
from zhenggai.meetings.models import HeldOpinion, Opinion
from zhenggai.orgs.models import Organisation, Role

TEXTS = [f"第{n}条意见：班子成员深入基层调研还不够经常。" for n in range(1, 6)]
SEED = 20260301
#: A time of day written as text (SQLite keeps times as text): 2026-03-01 10:05 or 2026-03-01T10:05.
TIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def the_shuffle(texts: list[str], seed: int = SEED) -> list[str]:
    """The order publication draws for these texts with this seed: sorted, then shuffled."""
    order = sorted(texts)
    random.Random(seed).shuffle(order)
    return order


def stored_order(meeting) -> list[str]:
    """The meeting's published opinions in the order the database keeps them: by rowid, or by ctid."""
    place = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT text FROM meetings_opinion WHERE meeting_id = %s ORDER BY {place}", [meeting.pk]
        )
        return [text for (text,) in cursor.fetchall()]


def send_in_order(link, texts, seed=SEED):
    with mock.patch("zhenggai.meetings.holding._shuffler", random.Random(seed)):
        for text in texts:
            opinions.submit_opinion(link, text=text)


def every_row() -> dict[str, set[tuple]]:
    """Every row of every table of the database, as plain values."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = {tuple(_plain(v) for v in r) for r in cursor}
    return rows


def _plain(value: object) -> object:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def tells_a_moment(value: object) -> bool:
    """True for a time of day: a datetime or time value, or text that holds one."""
    if isinstance(value, datetime.datetime | datetime.time):
        return True
    return isinstance(value, str) and bool(TIME_TEXT.search(value))


class PublishedOrderTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        week = self.today + datetime.timedelta(days=7)
        self.link = opinions.create_link(self.office, self.meeting, expires_on=week)

    def test_the_stored_order_is_a_shuffle_not_the_order_they_were_sent_in(self):
        self.assertNotEqual(the_shuffle(TEXTS), TEXTS)  # the seed draws an order that differs
        send_in_order(self.link, TEXTS)  # the fifth completes the batch and publishes it
        self.assertEqual(stored_order(self.meeting), the_shuffle(TEXTS))
        self.assertNotEqual(stored_order(self.meeting), TEXTS)

    def test_the_same_opinions_sent_in_another_order_are_stored_in_the_same_order(self):
        other = services.create_meeting(
            self.office, organisation=self.team, kind="democratic_life", year=2022, members=[self.member]
        )
        other_link = opinions.create_link(self.office, other, expires_on=self.today)
        send_in_order(self.link, TEXTS)
        send_in_order(other_link, list(reversed(TEXTS)))
        self.assertEqual(stored_order(self.meeting), stored_order(other))

    def test_whatever_order_they_come_in_every_place_is_drawn(self):
        # Over many seeds, the first opinion sent lands in every position: the place is drawn, not kept.
        places = set()
        for seed in range(40):
            places.add(the_shuffle(TEXTS, seed).index(TEXTS[0]))
        self.assertEqual(places, set(range(len(TEXTS))))

    def test_after_publication_no_table_ties_an_opinion_to_a_moment(self):
        before = every_row()
        send_in_order(self.link, TEXTS)
        after = every_row()
        self.assertEqual(after["meetings_heldopinion"], set())
        published = Opinion.objects.filter(meeting=self.meeting)
        traces = {*TEXTS, *(str(o.pk) for o in published), *(o.pk.hex for o in published)}
        for table in after:
            for row in after[table] - before.get(table, set()):
                if table == "meetings_opinion":
                    self.assertFalse([v for v in row if tells_a_moment(v)], row)
                    continue
                flat = repr(row)
                self.assertFalse([t for t in traces if t in flat], (table, row))
                self.assertFalse([v for v in row if tells_a_moment(v)], (table, row))
        self.assertEqual({o.received_on for o in published}, {self.today})


@unittest.skipUnless(connection.vendor == "postgresql", "xmin is PostgreSQL's (SQLite: see the rowid tests)")
class TransactionIdsTestCase(TransactionTestCase):
    """On PostgreSQL, with each submission committed on its own, as on a real server."""

    def setUp(self):
        team = Organisation.objects.create(name="机关党组")
        office = make_person("office", "李主任", team, Role.OFFICE)
        member = make_person("member", "张委员", team, Role.MEMBER)
        self.meeting = services.create_meeting(
            office, organisation=team, kind="democratic_life", year=2021, members=[member]
        )
        today = timezone.localdate()
        self.link = opinions.create_link(office, self.meeting, expires_on=today + datetime.timedelta(days=7))

    def xid(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT mod(txid_current(), 4294967296)")
            return cursor.fetchone()[0]

    def test_one_batch_one_transaction_and_no_submission_leaves_its_transaction_id(self):
        windows = []
        with mock.patch("zhenggai.meetings.holding._shuffler", random.Random(SEED)):
            for text in TEXTS:
                start = self.xid()
                opinions.submit_opinion(self.link, text=text)
                windows.append((start, self.xid()))
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmin::text::bigint FROM meetings_opinion")
            xmins = {x for (x,) in cursor.fetchall()}
            cursor.execute("SELECT count(*) FROM meetings_heldopinion")
            self.assertEqual(cursor.fetchone()[0], 0)
        self.assertEqual(len(xmins), 1)  # every row of the batch written by one transaction
        (published,) = xmins
        self.assertEqual(stored_order(self.meeting), the_shuffle(TEXTS))  # ctid order is the shuffle
        # The batch's transaction is that of publication (while the fifth was sent: it completed the
        # batch). Apart from it, no row anywhere carries a transaction of a submission and names an opinion.
        ids = [str(pk) for pk in Opinion.objects.values_list("pk", flat=True)]
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT xmin::text::bigint, xmax::text::bigint, t::text FROM "{table}" t')
                for xmin, xmax, row in cursor.fetchall():
                    stamped = [
                        x for x in (xmin, xmax) if x != published and any(lo < x < hi for lo, hi in windows)
                    ]
                    names_one = [t for t in (*TEXTS, *ids) if t in row]
                    self.assertFalse(stamped and names_one, (table, row))
        self.assertFalse(HeldOpinion.objects.exists())
