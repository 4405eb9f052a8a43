"""The dashboard: the summary sentence from hand-counted data, counts, charts, lists."""

import datetime

from django.test import SimpleTestCase
from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.models import Measure, Status, Term
from zhenggai.ledger.stats import Summary


class DashboardTestCase(BaseTestCase):
    def build(self):
        """Hand-counted: 3 aspects (学习 + 作风 + 担当), 4 problems, 7 measures:
        done 3, in progress 2, blocked 1, not started 1."""
        p2 = services.create_problem(
            self.secretary, source=self.source, description="作风不实", aspect="作风"
        )
        p3 = services.create_problem(
            self.secretary, source=self.source, description="担当不够", aspect="担当"
        )
        p4 = services.create_problem(
            self.secretary, source=self.source, description="斗争精神不足", aspect="担当"
        )
        extra = [
            services.create_measure(
                self.secretary, problem=p, text=f"措施{i}", term=Term.ONGOING, owner=self.member
            )
            for i, p in enumerate([p2, p2, p3, p4, p4])
        ]
        # self.measure, self.colleague_measure, extra[0..4]
        self.finish(self.measure)
        self.finish(extra[0])
        self.finish(extra[1])
        services.change_status(self.colleague, self.colleague_measure, Status.IN_PROGRESS)
        services.change_status(self.member, extra[2], Status.IN_PROGRESS)
        services.change_status(
            self.member,
            extra[3],
            Status.BLOCKED,
            blocked_reason="等待上级",
            review_date=self.today + datetime.timedelta(days=9),
        )
        return extra

    def test_it_writes_the_summary_sentence_from_the_data(self):
        self.build()
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"), {"source": self.source.pk})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(
            r.context["summary"].sentence(),
            "共查摆问题3方面4个，制定整改措施7条，已完成3条，正在推进2条，暂不具备整改条件1条，未启动1条",
        )
        self.assertContains(r, "共查摆问题3方面4个")
        self.assertEqual(r.context["summary"].completion_rate, 42.9)
        self.assertContains(r, "<svg", count=4)

    def test_the_sentence_matches_the_issue_example(self):
        s = Summary(
            aspects=5, problems=18, measures=42, done=35, in_progress=5, blocked=2, not_started=0, closed=0
        )
        self.assertEqual(
            s.sentence(),
            "共查摆问题5方面18个，制定整改措施42条，已完成35条，正在推进5条，暂不具备整改条件2条",
        )

    def test_it_counts_by_owner_and_unit(self):
        self.build()
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"))
        owners = {b.label: (b.count, b.done) for b in r.context["owner_bars"]}
        self.assertEqual(owners["张委员"], (6, 3))
        self.assertEqual(owners["刘委员"], (1, 0))
        units = {b.label: b.count for b in r.context["unit_bars"]}
        self.assertEqual(units["办公室"], 2)

    def test_it_lists_overdue_and_due_soon(self):
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=2))
        Measure.objects.filter(pk=self.colleague_measure.pk).update(deadline=self.today)
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"))
        self.assertEqual([m.pk for m in r.context["overdue"]], [self.measure.pk])
        self.assertEqual([m.pk for m in r.context["due_soon"]], [self.colleague_measure.pk])
        self.assertEqual((r.context["due_counts"].overdue, r.context["due_counts"].due_soon), (1, 1))
        self.assertContains(r, "10天内到期")

    def test_a_member_sees_only_his_own_figures(self):
        self.build()
        self.login(self.colleague)
        r = self.client.get(reverse("ledger:dashboard"))
        self.assertEqual(r.context["summary"].measures, 1)

    def test_the_outsider_sees_zero(self):
        self.build()
        self.login(self.outsider)
        r = self.client.get(reverse("ledger:dashboard"), {"source": self.source.pk})
        self.assertEqual(r.context["summary"].measures, 0)
        self.assertEqual(r.context["summary"].problems, 0)
        self.assertIsNone(r.context["source"])
        self.assertNotContains(r, self.source.title)

    def test_per_organisation(self):
        self.build()
        self.login(self.secretary)
        r = self.client.get(reverse("ledger:dashboard"), {"organisation": self.other_team.pk})
        self.assertEqual(r.context["summary"].measures, 0)
        r = self.client.get(reverse("ledger:dashboard"), {"organisation": self.team.pk})
        self.assertEqual(r.context["summary"].measures, 7)

    def test_upload_helper_is_pdf(self):
        self.assertTrue(upload().name.endswith(".pdf"))


class ChartContendersTestCase(SimpleTestCase):
    def test_only_entries_that_can_make_the_chart_are_named(self):
        from zhenggai.ledger.stats import _contenders, bars

        totals = {i: [i % 5, 0] for i in range(1, 40)}
        kept = _contenders(totals, 12)
        self.assertTrue(all(v[0] >= 3 for v in kept.values()))
        rows = [(str(k), n, d) for k, (n, d) in totals.items()]
        kept_rows = [(str(k), n, d) for k, (n, d) in kept.items()]
        self.assertEqual(bars(rows), bars(kept_rows))
