"""`zhenggai remind` and the 待办 page: overdue and due-soon measures, per owner and per unit."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger.models import Measure, Reminder


class RemindTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=4))
        Measure.objects.filter(pk=self.colleague_measure.pk).update(
            deadline=self.today + datetime.timedelta(days=3)
        )

    def remind(self, *args):
        out = io.StringIO()
        call_command("remind", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_per_owner_and_per_unit(self):
        out = self.remind()
        self.assertIn("共2条待办：已逾期1条，即将到期1条。", out)
        self.assertIn("张委员（1条）", out)
        self.assertIn("[已逾期4天]", out)
        self.assertIn("刘委员（1条）", out)
        self.assertIn("[还有3天到期]", out)
        self.assertIn("办公室：2条（已逾期1条）", out)

    def test_it_writes_reminders_and_rerunning_replaces_them(self):
        self.remind()
        self.remind()
        self.assertEqual(Reminder.objects.count(), 2)

    def test_it_respects_days(self):
        self.remind("--days", "1")
        self.assertEqual(list(Reminder.objects.values_list("kind", flat=True)), ["overdue"])

    def test_it_skips_done_measures(self):
        self.finish(self.measure)
        self.remind()
        self.assertEqual(Reminder.objects.count(), 1)

    def test_the_owner_sees_his_todo(self):
        self.remind()
        self.login(self.member)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual([x.measure_id for x in r.context["mine"]], [self.measure.pk])
        self.assertContains(r, "已逾期4天")
        self.assertNotContains(r, "组织专题研讨")

    def test_the_office_sees_its_organisation(self):
        self.remind()
        self.login(self.office)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual(len(r.context["managed"]), 2)

    def test_the_outsider_sees_no_todo(self):
        self.remind()
        self.login(self.outsider)
        r = self.client.get(reverse("ledger:todo"))
        self.assertEqual(list(r.context["mine"]), [])
        self.assertEqual(list(r.context["managed"]), [])

    def test_the_dashboard_shows_the_counts(self):
        self.remind()
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"))
        self.assertEqual((r.context["reminder_overdue"], r.context["reminder_due_soon"]), (1, 1))

    def test_it_refuses_a_bad_date(self):
        from django.core.management import CommandError

        with self.assertRaisesMessage(CommandError, "日期格式应为"):
            self.remind("--today", "2022/1/1")
