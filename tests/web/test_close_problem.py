"""销号: only the office, only when every measure is done."""

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Problem

CLOSED = "该问题已销号，如需修改请先由书记或办公室在问题页面重新打开问题"


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


class ClosedProblemTestCase(BaseTestCase):
    """A closed (销号) problem takes no progress, no evidence and no edit until it is reopened."""

    def setUp(self):
        super().setUp()
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)

    def test_its_measures_take_no_progress_on_the_page(self):
        self.login(self.member)
        url = reverse("ledger:measure_progress", args=[self.measure.pk])
        form = {"date": self.today.isoformat(), "text": "补充说明", "version": self.version(self.measure)}
        self.assertRefused(lambda: self.client.post(url, form), 400, CLOSED)
        self.assertRefused(lambda: self.client.post(url, {**form, "files": [upload()]}), 400, CLOSED)

    def test_its_measures_take_no_evidence_on_the_page(self):
        self.login(self.member)
        url = reverse("ledger:measure_evidence", args=[self.measure.pk])
        self.assertRefused(lambda: self.client.post(url, {"files": [upload()]}), 400, CLOSED)

    def test_its_measures_take_no_progress_through_the_api(self):
        from rest_framework.authtoken.models import Token
        from rest_framework.test import APIClient

        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=self.member).key}")
        url = f"/api/ledger/measures/{self.measure.pk}/progress/"
        self.assertRefused(lambda: api.post(url, {"text": "补充说明"}, format="json"), 400, CLOSED)

    def test_it_cannot_be_edited(self):
        self.login(self.office)
        url = reverse("ledger:problem_edit", args=[self.problem.pk])
        form = {"number": 1, "description": "改写", "aspect": "学习", "category": ""}
        form["version"] = self.version(self.problem)
        self.assertRefused(lambda: self.client.post(url, form), 400, CLOSED)

    def test_a_stale_instance_does_not_reopen_it(self):
        stale = Problem.objects.get(pk=self.problem.pk)
        stale.closed_at = None  # as it was read before it was closed
        with self.assertServiceRefused(CLOSED):
            services.update_problem(self.office, stale, description="改写")
        self.assertTrue(Problem.objects.get(pk=self.problem.pk).is_closed)

    def test_after_reopening_it_takes_progress_again(self):
        services.reopen_problem(self.office, self.problem, "复查发现问题反弹")
        progress = services.post_progress(self.member, self.measure, text="补充说明", files_=[upload()])
        self.assertEqual(progress.evidence.count(), 1)


class StaleInstanceTestCase(BaseTestCase):
    def test_a_change_saves_only_the_fields_it_changes(self):
        stale = Problem.objects.get(pk=self.problem.pk)
        services.update_problem(self.office, self.problem, aspect="作风")
        services.update_problem(self.office, stale, description="学习不够深入")
        self.problem.refresh_from_db()
        self.assertEqual((self.problem.aspect, self.problem.description), ("作风", "学习不够深入"))
