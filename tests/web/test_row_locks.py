"""Two people at once on PostgreSQL: a service that reads then writes waits for the row, then reads it afresh.

SQLite writes one transaction at a time, so only PostgreSQL can show the lock at work: one person's
transaction holds the measure while another's service call starts; the second waits, and then judges
the measure as the first left it.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.test import TransactionTestCase
from django.utils import timezone

from tests.web.base import make_person
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, Progress, SourceKind, Status
from zhenggai.ledger.services.common import lock_measure
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Organisation, Role


class RowLockTestCase(TransactionTestCase):
    def setUp(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("SQLite runs one writing transaction at a time: there is nothing to wait for")
        super().setUp()
        team = Organisation.objects.create(name="机关党组")
        self.office = make_person("office", "李主任", team, Role.OFFICE)
        self.member = make_person("member", "张委员", team, Role.MEMBER)
        source = create_source(self.office, kind=SourceKind.DEMOCRATIC_LIFE, organisation=team, year=2021)
        problem = services.create_problem(self.office, source=source, description="学习不够深入。")
        self.measure = services.create_measure(
            self.office,
            problem=problem,
            text="制定学习计划",
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            owner=self.member,
        )

    def meanwhile(self, call: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
        """Start `call` in another thread (its own connection); its result or refusal lands in the list."""
        outcome: list[object] = []

        def run() -> None:
            try:
                outcome.append(call())
            except Refusal as exc:
                outcome.append(exc)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def test_a_status_change_waits_and_sees_the_change_made_meanwhile(self):
        with transaction.atomic():
            lock_measure(self.measure.pk)  # the first person's transaction holds the measure
            thread, outcome = self.meanwhile(
                lambda: services.change_status(self.member, self.measure, Status.IN_PROGRESS, version=1)
            )
            time.sleep(0.5)
            self.assertTrue(thread.is_alive(), "the second change should wait for the measure")
            services.change_status(
                self.office,
                self.measure,
                Status.BLOCKED,
                blocked_reason="待上级部署",
                review_date=timezone.localdate(),
                version=1,
            )
        thread.join(10)
        [refusal] = outcome
        self.assertIsInstance(refusal, Refusal)
        self.assertEqual(refusal.status, 409)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, Status.BLOCKED)

    def test_closing_waits_for_a_measure_being_reopened(self):
        measure = self.measure
        Measure.objects.filter(pk=measure.pk).update(status=Status.DONE, completion_note="已完成")
        with transaction.atomic():
            # The owner takes his measure back to 正在推进 while the office closes the problem.
            locked = lock_measure(measure.pk)
            thread, outcome = self.meanwhile(lambda: services.close_problem(self.office, locked.problem))
            time.sleep(0.5)
            self.assertTrue(thread.is_alive(), "closing should wait for the measure's change")
            services.change_status(self.member, measure, Status.IN_PROGRESS)
        thread.join(10)
        [refusal] = outcome
        self.assertEqual(getattr(refusal, "message", None), "该问题还有1条整改措施未完成，不能销号")

    def test_owners_of_one_problem_post_progress_side_by_side(self):
        colleague = make_person("colleague", "赵委员", self.measure.organisation, Role.MEMBER)
        other = services.create_measure(
            self.office,
            problem=self.measure.problem,
            text="撰写心得体会",
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            owner=colleague,
        )
        with transaction.atomic():
            services.post_progress(self.member, self.measure, text="学了第一章")  # holds his measure
            thread, outcome = self.meanwhile(
                lambda: services.post_progress(colleague, other, text="学了第二章")
            )
            thread.join(10)
            self.assertFalse(thread.is_alive(), "a measure of the same problem should not wait")
        [progress] = outcome
        self.assertEqual(progress.measure_id, other.pk)
        self.assertEqual(
            sorted(Progress.objects.values_list("text", flat=True)), ["学了第一章", "学了第二章"]
        )

    def test_closing_waits_for_progress_being_posted(self):
        Measure.objects.filter(pk=self.measure.pk).update(status=Status.DONE, completion_note="已完成")
        with transaction.atomic():
            # The owner posts progress taking his measure back to 正在推进 while the office closes.
            services.post_progress(
                self.member, self.measure, text="还需巩固", status=Status.IN_PROGRESS, version=1
            )
            thread, outcome = self.meanwhile(
                lambda: services.close_problem(self.office, self.measure.problem)
            )
            time.sleep(0.5)
            self.assertTrue(thread.is_alive(), "closing should wait for the progress being posted")
        thread.join(10)
        [refusal] = outcome
        self.assertEqual(getattr(refusal, "message", None), "该问题还有1条整改措施未完成，不能销号")
        self.assertIsNone(Measure.objects.get(pk=self.measure.pk).problem.closed_at)
