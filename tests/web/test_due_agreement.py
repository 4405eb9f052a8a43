"""One definition of overdue and due soon: the ledger's row colours, 待办, the dashboard and the header's
count agree for every deadline around the edges, whatever ZHENGGAI_DUE_SOON_DAYS says."""

import datetime
import re

from django.test import override_settings
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, Status

#: Days from today to each measure's deadline, and None for a measure without one.
OFFSETS = (-30, -1, 0, 1, 2, 3, 4, 9, 10, 11, None)


class DueAgreementTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        Measure.objects.all().delete()
        self.by_offset = {}
        for offset in OFFSETS:
            deadline = None if offset is None else self.today + datetime.timedelta(days=offset)
            m = services.create_measure(
                self.secretary,
                problem=self.problem,
                text=f"措施{offset}",
                owner=self.member,
                unit=self.unit,
                term="immediate" if deadline is None else "deadline",
                deadline=deadline,
            )
            self.by_offset[offset] = m.pk
        # A finished measure past its deadline is neither overdue nor due soon.
        done = services.create_measure(
            self.secretary, problem=self.problem, text="已完成的措施", owner=self.member, deadline=self.today
        )
        self.finish(done)
        Measure.objects.filter(pk=done.pk).update(deadline=self.today - datetime.timedelta(days=5))
        services.change_status(self.member, Measure.objects.get(pk=self.by_offset[1]), Status.IN_PROGRESS)

    def seen(self):
        """{page: (overdue ids, due-soon ids)} as each page shows them to the member."""
        self.login(self.member)
        ledger = self.client.get(reverse("ledger:index"))
        rows = {m.pk: m.row_class for m in ledger.context["rows"]}
        todo = self.client.get(reverse("ledger:todo"))
        dashboard = self.client.get(reverse("ledger:dashboard"))
        counts = dashboard.context["due_counts"]
        header = re.search(
            r'id="nav-todo">待办<span class="badge" title="已逾期(\d+)条，即将到期(\d+)条">(\d+)<',
            ledger.content.decode(),
        )
        self.assertIsNotNone(header, "the header shows the 待办 count")
        return {
            "ledger rows": (
                {pk for pk, css in rows.items() if css == "overdue"},
                {pk for pk, css in rows.items() if css == "due-soon"},
            ),
            "待办": (
                {i.measure.pk for i in todo.context["mine"] if i.state == "overdue"},
                {i.measure.pk for i in todo.context["mine"] if i.state == "due-soon"},
            ),
            "dashboard lists": (
                {m.pk for m in dashboard.context["overdue"]},
                {m.pk for m in dashboard.context["due_soon"]},
            ),
            "dashboard counts": (counts.overdue, counts.due_soon),
            "header": (int(header.group(1)), int(header.group(2)), int(header.group(3))),
        }

    def expected(self, days):
        overdue = {self.by_offset[o] for o in OFFSETS if o is not None and o < 0}
        soon = {self.by_offset[o] for o in OFFSETS if o is not None and 0 <= o <= days}
        return overdue, soon

    def check(self, days):
        seen = self.seen()
        overdue, soon = self.expected(days)
        for page in ("ledger rows", "待办", "dashboard lists"):
            self.assertEqual(seen[page], (overdue, soon), page)
        self.assertEqual(seen["dashboard counts"], (len(overdue), len(soon)))
        self.assertEqual(seen["header"], (len(overdue), len(soon), len(overdue) + len(soon)))

    def test_they_agree_with_the_default_ten_days(self):
        self.check(10)

    def test_they_agree_when_due_soon_is_three_days(self):
        with override_settings(DUE_SOON_DAYS=3):
            self.check(3)

    def test_they_agree_when_due_soon_is_today_only(self):
        with override_settings(DUE_SOON_DAYS=0):
            self.check(0)
