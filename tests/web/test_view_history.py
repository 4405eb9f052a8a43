"""Each person reads only the history of what he may read: a member's problem page leaves out his
colleague's measure — its progress, files, owner and deadline — which the office and reviewer see.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class ViewHistoryTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # 刘委员's measure, in the same problem as 张委员's: his progress, a file, a new owner and deadline.
        services.post_progress(
            self.colleague,
            self.colleague_measure,
            text="刘委员的专题调研进展",
            files_=[upload("刘委员的调研报告.pdf")],
        )
        services.extend_deadline(
            self.office,
            self.colleague_measure,
            deadline=self.colleague_measure.deadline + datetime.timedelta(days=90),
            reason="调研范围扩大",
        )
        services.post_progress(self.member, self.measure, text="张委员的学习进展")
        services.update_problem(self.office, self.problem, aspect="理论学习")

    def history(self, user):
        self.login(user)
        r = self.client.get(reverse("ledger:problem", args=[self.problem.pk]))
        return r, list(r.context["audit"])

    def test_a_member_reads_his_own_measure_and_the_problem_but_not_his_colleagues(self):
        r, entries = self.history(self.member)
        self.assertEqual({e.measure_id for e in entries}, {None, self.measure.pk})
        self.assertContains(r, "张委员的学习进展")
        self.assertContains(r, "理论学习")
        for hidden in ("刘委员的专题调研进展", "刘委员的调研报告.pdf", "调研范围扩大", "组织专题研讨"):
            self.assertNotContains(r, hidden)

    def test_the_office_and_the_reviewer_read_it_all(self):
        for person in (self.office, self.reviewer, self.secretary):
            with self.subTest(person=person.username):
                r, entries = self.history(person)
                self.assertEqual(
                    {e.measure_id for e in entries}, {None, self.measure.pk, self.colleague_measure.pk}
                )
                self.assertContains(r, "刘委员的调研报告.pdf")

    def test_a_deleted_measure_of_his_colleague_stays_hidden(self):
        services.delete_measure(self.office, self.colleague_measure)
        r, entries = self.history(self.member)
        self.assertNotIn(self.colleague_measure.pk, {e.measure_id for e in entries})
        self.assertNotContains(r, "刘委员的专题调研进展")

    def test_the_measure_page_shows_its_own_history_only(self):
        self.login(self.member)
        r = self.client.get(reverse("ledger:measure", args=[self.measure.pk]))
        self.assertEqual({e.measure_id for e in r.context["audit"]}, {self.measure.pk})
        self.assertNotContains(r, "刘委员的调研报告.pdf")


class LongHistoryTestCase(BaseTestCase):
    """A measure with a long history: its page shows the newest 20 entries and a link to all of them."""

    def test_the_page_shows_the_newest_entries_and_links_to_all(self):
        for n in range(25):
            services.post_progress(self.member, self.measure, text=f"第{n}次进展")  # 25 more entries
        total = AuditEntry.objects.filter(measure_id=self.measure.pk).count()
        self.assertGreater(total, 20)
        self.login(self.member)
        url = reverse("ledger:measure", args=[self.measure.pk])
        first = self.client.get(url)
        self.assertEqual(len(first.context["audit"]), 20)
        self.assertEqual(first.context["audit"][0].summary, "填报整改进展")  # newest first
        self.assertContains(first, 'href="?history=all#history"')
        everything = self.client.get(url + "?history=all")
        self.assertEqual(len(everything.context["audit"]), total)
        self.assertNotContains(everything, "显示全部修改记录")
