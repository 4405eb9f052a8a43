"""Creating and editing a problem: only the office; every change audited."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Problem


class CreateProblemTestCase(BaseTestCase):
    def url(self):
        return reverse("ledger:problem_create", args=[self.source.pk])

    def test_it_shows_the_form_to_the_office(self):
        self.login(self.office)
        r = self.client.get(self.url())
        self.assertContains(r, "<h1>新增问题</h1>", html=True)
        self.assertContains(r, 'name="description"')

    def test_it_creates_a_problem(self):
        self.login(self.office)
        r = self.client.post(
            self.url(), {"description": "调查研究不够深入", "aspect": "作风", "category": "查摆问题"}
        )
        problem = Problem.objects.get(description="调查研究不够深入")
        self.assertRedirects(r, reverse("ledger:problem", args=[problem.pk]))
        self.assertEqual(problem.number, 2)
        self.assertEqual(problem.organisation, self.team)
        entry = AuditEntry.objects.get(summary="新增问题", object_id=problem.pk)
        self.assertEqual(entry.actor, self.office)
        self.assertIsNone(entry.before)
        self.assertEqual(entry.after["description"], "调查研究不够深入")

    def test_it_refuses_an_empty_description(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url(), {"description": ""}), 400, "问题描述：该字段是必填项。"
        )

    def test_the_member_may_not(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(self.url(), {"description": "x"}), 403, "只有书记或办公室可以新增问题"
        )

    def test_the_reviewer_may_not(self):
        self.login(self.reviewer)
        self.assertRefused(lambda: self.client.get(self.url()), 403, "只有书记或办公室可以新增问题")

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.post(self.url(), {"description": "x"}),
            404,
            "没有找到该问题来源，或您无权查看",
        )


class EditProblemTestCase(BaseTestCase):
    def url(self):
        return reverse("ledger:problem_edit", args=[self.problem.pk])

    def test_it_edits_and_audits_before_and_after(self):
        self.login(self.secretary)
        r = self.client.post(
            self.url(),
            {"number": 1, "description": "学习不深入", "aspect": "学习", "category": "", "version": 1},
        )
        self.assertRedirects(r, reverse("ledger:problem", args=[self.problem.pk]))
        self.problem.refresh_from_db()
        self.assertEqual(self.problem.description, "学习不深入")
        entry = AuditEntry.objects.get(summary="修改问题")
        self.assertEqual(entry.before["description"], "理解领悟还不够深透，学用结合还不够到位。")
        self.assertEqual(entry.after["description"], "学习不深入")
        self.assertIn(("description", entry.before["description"], "学习不深入"), entry.changes())
        # The search follows the new description.
        r = self.client.get(reverse("ledger:index"), {"q": "深入"})
        self.assertEqual(len(r.context["rows"]), 2)

    def test_the_member_may_not(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(self.url(), {"description": "x"}), 403, "只有书记或办公室可以修改问题"
        )

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(self.url()), 404, "没有找到该问题，或您无权查看")
