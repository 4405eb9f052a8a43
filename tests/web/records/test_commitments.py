"""公开承诺: the office records a leader's pledges, he states yearly how he kept each, and a matter
found against one opens a ledger problem, audited, that keeps the pledge broken until closed."""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.web.records.base import RecordsTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Problem, SourceKind
from zhenggai.records import commitments
from zhenggai.records.models import Commitment, CommitmentMatter, CommitmentStatement

PLEDGE = "不违规插手干预公共资源交易及政府采购"


class CommitmentTestCase(RecordsTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.pledge = commitments.make_commitment(
            self.office, self.member, self.team, text=PLEDGE, made_on=self.today, scope="公共资源交易"
        )

    def test_the_office_records_a_pledge_on_the_leaders_page(self):
        self.login(self.office)
        answer = self.client.post(
            reverse("records:commitment_add", args=[self.member.pk]),
            {"organisation": self.team.pk, "text": "不违规收送礼品礼金", "made_on": self.today.isoformat()},
        )
        self.assertRedirects(answer, reverse("records:person", args=[self.member.pk]))
        self.assertEqual(Commitment.objects.filter(person=self.member).count(), 2)
        page = self.client.get(reverse("records:person", args=[self.member.pk]))
        self.assertContains(page, "不违规收送礼品礼金")
        self.assertEqual(AuditEntry.objects.filter(summary="登记公开承诺").count(), 2)

    def test_a_member_cannot_record_pledges(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(
                reverse("records:commitment_add", args=[self.member.pk]),
                {"organisation": self.team.pk, "text": "承诺", "made_on": self.today.isoformat()},
            ),
            403,
            "只有本组织的书记或办公室可以登记公开承诺",
        )

    def test_the_leader_states_each_year_and_a_second_statement_replaces_the_first(self):
        self.login(self.member)
        url = reverse("records:statement_add", args=[self.pledge.pk])
        year = str(self.today.year)
        self.client.post(url, {"year": year, "kept": "1", "text": "严格遵守，未插手任何交易"})
        self.client.post(url, {"year": year, "kept": "1", "text": "严格遵守，全年未插手任何交易"})
        statement = CommitmentStatement.objects.get()
        self.assertEqual((statement.kept, statement.text), (True, "严格遵守，全年未插手任何交易"))
        self.assertEqual(
            list(
                AuditEntry.objects.filter(object_type="commitmentstatement").values_list("action", flat=True)
            ),
            ["change", "create"],
        )

    def test_a_statement_for_a_year_before_the_pledge_or_in_the_future_is_refused(self):
        self.login(self.member)
        url = reverse("records:statement_add", args=[self.pledge.pk])
        message = f"年度应在 {self.today.year}–{self.today.year} 之间"
        self.assertRefused(
            lambda: self.client.post(url, {"year": str(self.today.year + 1), "kept": "1", "text": "遵守"}),
            400,
            message,
        )

    def test_a_colleague_may_not_state_for_him(self):
        self.login(self.colleague)
        with self.assertNothingChanged():
            answer = self.client.post(
                reverse("records:statement_add", args=[self.pledge.pk]),
                {"year": str(self.today.year), "kept": "1", "text": "遵守"},
            )
        self.assertEqual(answer.status_code, 404)  # he does not even learn the pledge exists

    def test_a_matter_opens_a_ledger_problem_and_keeps_the_pledge_broken_until_closed(self):
        self.login(self.office)
        answer = self.client.post(
            reverse("records:matter_add", args=[self.pledge.pk]),
            {"found_on": self.today.isoformat(), "description": "为亲属承揽工程打招呼"},
        )
        self.assertRedirects(answer, reverse("records:person", args=[self.member.pk]))
        matter = CommitmentMatter.objects.get()
        problem = matter.problem
        self.assertEqual(problem.source.kind, SourceKind.SUPERVISION)
        self.assertEqual(problem.source.inspecting_body, commitments.OVERSIGHT)
        self.assertIn("为亲属承揽工程打招呼", problem.description)
        self.assertIn(PLEDGE, problem.description)
        self.assertEqual(problem.category, "公开承诺")
        self.assertEqual(
            set(AuditEntry.objects.filter(problem_id=problem.pk).values_list("summary", flat=True)),
            {"新增问题", "登记违诺问题"},
        )
        self.assertEqual(commitments.open_matters(self.member), [matter])
        page = self.client.get(reverse("records:person", args=[self.member.pk]))
        self.assertContains(page, "整改中")
        Problem.objects.filter(pk=problem.pk).update(closed_at=datetime.datetime.now(datetime.UTC))
        self.assertEqual(commitments.open_matters(self.member), [])
        # A second matter the same year goes to the same source.
        second = commitments.record_matter(
            self.office, self.pledge, found_on=self.today, description="再次打招呼"
        )
        self.assertEqual(second.problem.source_id, problem.source_id)

    def test_only_the_office_records_a_matter(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(
                reverse("records:matter_add", args=[self.pledge.pk]),
                {"found_on": self.today.isoformat(), "description": "打招呼"},
            ),
            403,
            "只有本组织的书记或办公室可以登记违诺问题",
        )
        with self.assertServiceRefused("请填写问题情况"):
            commitments.record_matter(self.office, self.pledge, found_on=self.today, description=" ")
