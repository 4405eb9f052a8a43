"""Reopening a closed problem needs the office and a reason."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class ReopenProblemTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)

    def post(self, reason="复查发现问题反弹"):
        return self.client.post(reverse("ledger:problem_reopen", args=[self.problem.pk]), {"reason": reason})

    def test_it_reopens_with_a_reason(self):
        self.login(self.secretary)
        r = self.post()
        self.assertRedirects(r, reverse("ledger:problem", args=[self.problem.pk]))
        self.problem.refresh_from_db()
        self.assertFalse(self.problem.is_closed)
        self.assertEqual(self.problem.reopen_reason, "复查发现问题反弹")
        entry = AuditEntry.objects.get(summary="重新打开")
        self.assertEqual(entry.actor, self.secretary)
        self.assertEqual(entry.after["reopen_reason"], "复查发现问题反弹")

    def test_it_requires_a_reason(self):
        self.login(self.secretary)
        self.assertRefused(lambda: self.post(reason="  "), 400, "重新打开的原因：该字段是必填项。")

    def test_it_refuses_an_open_problem(self):
        services.reopen_problem(self.office, self.problem, "一")
        with self.assertRaisesMessage(Refusal, "尚未销号"):
            services.reopen_problem(self.office, self.problem, "二")

    def test_the_member_may_not_reopen(self):
        self.login(self.member)
        self.assertRefused(self.post, 403, "只有书记或办公室可以重新打开问题")

    def test_the_reviewer_may_not_reopen(self):
        self.login(self.reviewer)
        self.assertRefused(self.post, 403, "只有书记或办公室可以重新打开问题")

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(self.post, 404, "没有找到该问题，或您无权查看")
