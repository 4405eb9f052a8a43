"""销号: only the office, only when every measure is done."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class CloseProblemTestCase(BaseTestCase):
    def post(self, note="经核查整改到位"):
        return self.client.post(reverse("ledger:problem_close", args=[self.problem.pk]), {"note": note})

    def test_it_closes_when_all_measures_are_done(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        self.login(self.office)
        r = self.post()
        self.assertRedirects(r, reverse("ledger:problem", args=[self.problem.pk]))
        self.problem.refresh_from_db()
        self.assertTrue(self.problem.is_closed)
        self.assertEqual(self.problem.closed_by, self.office)
        self.assertEqual(self.problem.close_note, "经核查整改到位")
        entry = AuditEntry.objects.get(summary="销号")
        self.assertIsNone(entry.before["closed_at"])
        self.assertIsNotNone(entry.after["closed_at"])

    def test_it_refuses_while_a_measure_is_open(self):
        self.finish(self.measure)
        self.login(self.office)
        self.assertRefused(self.post, 400, "该问题还有1条整改措施未完成，不能销号")

    def test_it_refuses_a_problem_without_measures(self):
        bare = services.create_problem(self.office, source=self.source, description="新问题")
        with self.assertRaisesMessage(Refusal, "还没有整改措施"):
            services.close_problem(self.office, bare)

    def test_the_member_may_not_close(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        self.login(self.member)
        self.assertRefused(self.post, 403, "您没有管理“机关党组”整改台账的权限")

    def test_the_reviewer_may_not_close(self):
        self.login(self.reviewer)
        self.assertRefused(self.post, 403, "您没有管理“机关党组”整改台账的权限")

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(self.post, 404, "没有找到该问题，或您无权查看")

    def test_it_refuses_closing_twice(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)
        with self.assertRaisesMessage(Refusal, "已经销号"):
            services.close_problem(self.office, self.problem)
