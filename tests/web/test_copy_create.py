"""core.bulk.copy_create: many new rows by COPY on PostgreSQL (bulk_create elsewhere), read back as written."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web.base import BaseTestCase
from zhenggai.core.bulk import copy_create
from zhenggai.ledger.audit import AuditAction, AuditEntry, entry, snapshot
from zhenggai.ledger.models import Progress, Status

#: Text that COPY's text format must escape: tabs, new lines, backslashes, quotes, a "\N".
AWKWARD = '第一行\t制表\n第二行 \\N 反斜杠\\ “引号” "quotes" ，。'


class CopyCreateTestCase(BaseTestCase):
    def progress(self, n):
        return [
            Progress(
                measure=self.measure,
                date=datetime.date(2026, 11, i + 1),
                text=f"{AWKWARD}{i}",
                author=self.secretary,
                status_before="",
                status_after=Status.IN_PROGRESS,
            )
            for i in range(n)
        ]

    def test_the_rows_get_their_ids_and_read_back_as_written(self):
        made = copy_create(self.progress(3))
        ids = [p.pk for p in made]
        self.assertEqual(len(set(ids)), 3)
        self.assertTrue(all(not p._state.adding for p in made))
        stored = {p.pk: p for p in Progress.objects.filter(pk__in=ids)}
        for p in made:
            self.assertEqual(stored[p.pk].text, p.text)
            self.assertEqual(stored[p.pk].date, p.date)
            self.assertEqual(stored[p.pk].status_after, "in_progress")
            self.assertEqual(stored[p.pk].measure_id, self.measure.pk)
            self.assertIsNotNone(stored[p.pk].created_at)  # auto_now_add, as bulk_create fills it
        # The next row the ordinary way takes the next id: the sequence moved past the copied ones.
        self.assertGreater(Progress.objects.create(**self.fields()).pk, max(ids))

    def fields(self):
        return {
            "measure": self.measure,
            "date": datetime.date(2026, 12, 1),
            "text": "普通",
            "author": self.secretary,
        }

    def test_json_snapshots_keep_every_character(self):
        made = copy_create(self.progress(2))
        after = {**snapshot(made[0]), "text": AWKWARD, "list": [1, None, "、"], "nested": {"k": "\\"}}
        trail = copy_create(
            [
                entry(
                    self.secretary,
                    AuditAction.CREATE,
                    p,
                    summary="导入台账",
                    before=None,
                    after=after,
                    problem_id=self.problem.pk,
                    measure_id=self.measure.pk,
                    organisation_path=self.team.path,
                )
                for p in made
            ]
        )
        for e in trail:
            stored = AuditEntry.objects.get(pk=e.pk)
            self.assertEqual(stored.after, after)
            self.assertIsNone(stored.before)
            self.assertEqual(stored.actor_name, str(self.secretary))
            self.assertEqual(stored.object_id, e.object_id)

    def test_nothing_to_insert(self):
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(copy_create([]), [])
        self.assertEqual(len(captured.captured_queries), 0)

    def test_postgresql_copies_and_logs_the_copy_with_its_time(self):
        if connection.vendor != "postgresql":
            self.skipTest("COPY is PostgreSQL's")
        with CaptureQueriesContext(connection) as captured:
            copy_create(self.progress(5))
        copies = [q for q in captured.captured_queries if q["sql"].startswith("COPY")]
        self.assertEqual(len(copies), 1)
        self.assertIn("-- 5 rows", copies[0]["sql"])
        self.assertGreaterEqual(float(copies[0]["time"]), 0)
