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
        self.assertEqual(r.status_code, 302)
        self.problem.refresh_from_db()
        self.assertFalse(self.problem.is_closed)
        self.assertEqual(self.problem.reopen_reason, "复查发现问题反弹")
        entry = AuditEntry.objects.get(summary="重新打开")
        self.assertEqual(entry.actor, self.secretary)
        self.assertEqual(entry.after["reopen_reason"], "复查发现问题反弹")

    def test_it_requires_a_reason(self):
        self.login(self.secretary)
        r = self.post(reason="  ")
        self.assertEqual(r.status_code, 400)
        self.problem.refresh_from_db()
        self.assertTrue(self.problem.is_closed)

    def test_it_refuses_an_open_problem(self):
        services.reopen_problem(self.office, self.problem, "一")
        with self.assertRaisesMessage(Refusal, "尚未销号"):
            services.reopen_problem(self.office, self.problem, "二")

    def test_the_member_may_not_reopen(self):
        self.login(self.member)
        self.assertEqual(self.post().status_code, 403)

    def test_the_reviewer_may_not_reopen(self):
        self.login(self.reviewer)
        self.assertEqual(self.post().status_code, 403)
        self.problem.refresh_from_db()
        self.assertTrue(self.problem.is_closed)

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertEqual(self.post().status_code, 404)
