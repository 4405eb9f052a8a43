"""`zhenggai remind` and the 待办 page: overdue and due-soon measures, computed when asked."""

import datetime
import io

from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger.models import Measure


class RemindTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.due(self.measure, -4)
        self.due(self.colleague_measure, 3)

    def due(self, measure, days):
        Measure.objects.filter(pk=measure.pk).update(deadline=self.today + datetime.timedelta(days=days))

    def remind(self, *args):
        out = io.StringIO()
        call_command("remind", "--no-send", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_per_owner_and_per_unit(self):
        out = self.remind()
        self.assertIn("共2条待办：已逾期1条，即将到期1条。", out)
        self.assertIn("张委员（1条）", out)
        self.assertIn("[已逾期4天]", out)
        self.assertIn("刘委员（1条）", out)
        self.assertIn("[还有3天到期]", out)
        self.assertIn("办公室：2条（已逾期1条）", out)

    def test_it_skips_done_measures(self):
        self.finish(self.measure)
        self.assertIn("共1条待办", self.remind())

    def test_the_todo_is_true_without_running_remind(self):
        self.login(self.member)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual([x.measure.pk for x in r.context["mine"]], [self.measure.pk])
        self.assertContains(r, "已逾期4天")
        self.assertNotContains(r, "组织专题研讨")
        # A change shows at once: no cron run in between.
        self.finish(self.measure)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual(r.context["mine"], [])
        self.assertContains(r, "没有待办")

    def test_it_says_today_and_tomorrow(self):
        self.due(self.measure, 0)
        self.due(self.colleague_measure, 1)
        self.login(self.office)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual([x.when for x in r.context["managed"]], ["今天到期", "明天到期"])
        self.assertContains(r, "<td>今天到期</td>", html=True)
        self.assertNotContains(r, "还有0天")

    def test_the_office_sees_its_organisation(self):
        self.login(self.office)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual(len(r.context["managed"]), 2)

    def test_the_outsider_sees_no_todo(self):
        self.login(self.outsider)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual(r.context["mine"], [])
        self.assertEqual(r.context["managed"], [])

    def test_the_dashboard_shows_the_counts(self):
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"))
        counts = r.context["due_counts"]
        self.assertEqual((counts.overdue, counts.due_soon), (1, 1))

    def test_it_refuses_a_bad_date(self):
        with self.assertRaisesMessage(CommandError, "日期格式应为"):
            self.remind("--today", "2022/1/1")
