"""The operator (a superuser, the admin account) sees every row, as he may manage every one."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import BaseTestCase, make_person
from zhenggai.ledger import services
from zhenggai.ledger.access import visible_measures, visible_problems, visible_sources
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Problem, Source, SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.access import can_manage, can_read


class OperatorTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.operator = make_person("admin", "系统管理员", None, None)
        self.operator.is_superuser = True
        self.operator.save()
        # A second team's ledger beside ours, with a measure of the operator's own.
        other = create_source(
            self.outsider, kind=SourceKind.AUDIT, organisation=self.other_team, inspecting_body="市审计局"
        )
        problem = services.create_problem(self.outsider, source=other, description="公务接待审批手续不全。")
        self.other_measure = services.create_measure(
            self.outsider, problem=problem, text="全面自查接待票据", term="ongoing"
        )
        Measure.objects.filter(pk=self.measure.pk).update(owner=self.operator)

    def test_what_he_may_read_and_what_he_sees_agree(self):
        self.assertTrue(can_read(self.operator, self.other_team) and can_manage(self.operator, self.team))
        self.assertEqual(set(visible_measures(self.operator)), set(Measure.objects.all()))
        self.assertEqual(set(visible_problems(self.operator)), set(Problem.objects.all()))
        self.assertEqual(set(visible_sources(self.operator)), set(Source.objects.all()))

    def test_the_ledger_page_and_the_api_list_every_measure(self):
        self.login(self.operator)
        r = self.client.get(reverse("ledger:index"))
        self.assertEqual({m.pk for m in r.context["rows"]}, set(Measure.objects.values_list("pk", flat=True)))
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=self.operator).key}")
        rows = api.get("/api/ledger/measures/").json()["results"]
        self.assertEqual({row["id"] for row in rows}, set(Measure.objects.values_list("pk", flat=True)))

    def test_the_dashboard_counts_everything(self):
        self.login(self.operator)
        r = self.client.get(reverse("ledger:dashboard"))
        self.assertEqual((r.context["summary"].problems, r.context["summary"].measures), (2, 3))

    def test_every_history_is_his_to_search(self):
        self.login(self.operator)
        r = self.client.get(reverse("ledger:audit"))
        self.assertEqual(len(r.context["entries"]), AuditEntry.objects.count())
        r = self.client.get(reverse("ledger:problem", args=[self.problem.pk]))
        self.assertEqual(
            len(r.context["audit"]), AuditEntry.objects.filter(problem_id=self.problem.pk).count()
        )
