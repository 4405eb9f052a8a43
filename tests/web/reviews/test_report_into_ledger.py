"""An approved report into the ledger: the proposed mapping, edited and confirmed, audited, once."""

from functools import partial

from tests.web.reviews.base import OFFICE_ONLY, ReviewTestCase
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Problem, Term
from zhenggai.reviews import into_ledger
from zhenggai.reviews.models import ReportState

REPORT = """个人对照检查材料
一、存在的主要问题
（一）在带头践行以人民为中心的发展思想方面：一是联系群众不够紧密，下基层调研次数偏少。二是学习不够深入，理论联系实际不够。
二、整改措施
一是密切联系群众，每季度到基层联系点调研不少于一次。
二是深入学习理论，每月研读原著两篇。
"""


class ReportIntoLedgerTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.report = self.report_of(self.member, text=REPORT, state=ReportState.APPROVED)
        self.source = self.meeting.source

    def form(self, **changes):
        """The confirmation table as the page proposes it, as POST data, with `changes` applied."""
        rows = into_ledger.report_rows(self.report)
        data = {"problems": str(len(rows))}
        for i, row in enumerate(rows):
            data.update(
                {f"p{i}-include": "on", f"p{i}-description": row.description, f"p{i}-aspect": row.aspect}
            )
            data[f"p{i}-measures"] = str(len(row.measures))
            for j, m in enumerate(row.measures):
                data.update(
                    {
                        f"p{i}-m{j}-include": "on",
                        f"p{i}-m{j}-text": m.text,
                        f"p{i}-m{j}-owner": str(m.owner.pk),
                        f"p{i}-m{j}-unit": "",
                        f"p{i}-m{j}-term": m.term,
                        f"p{i}-m{j}-deadline": m.deadline.isoformat(),
                    }
                )
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    def test_the_page_proposes_problems_with_their_measures(self):
        self.login(self.office)
        r = self.client.get(self.url("report_ledger", self.report))
        self.assertContains(r, "联系群众不够紧密，下基层调研次数偏少。")
        rows = into_ledger.report_rows(self.report)
        self.assertEqual(len(rows), 2)
        self.assertTrue(rows[0].measures[0].text.startswith("密切联系群众"))
        self.assertTrue(rows[1].measures[0].text.startswith("深入学习理论"))
        self.assertEqual(rows[0].measures[0].owner, self.member)

    def test_confirming_creates_exactly_the_confirmed_rows_with_audit_entries(self):
        self.login(self.office)
        data = self.form(**{"p1-include": None, "p0-m0-unit": str(self.unit.pk), "p0-m0-term": Term.ONGOING})
        r = self.client.post(self.url("report_ledger", self.report), data)
        self.assertRedirects(r, f"/sources/{self.source.pk}/", fetch_redirect_response=False)
        problem = Problem.objects.get(source=self.source)
        self.assertEqual(problem.description, "联系群众不够紧密，下基层调研次数偏少。")
        measure = problem.measures.get()
        self.assertEqual((measure.owner, measure.unit, measure.term), (self.member, self.unit, Term.ONGOING))
        self.assertEqual(AuditEntry.objects.filter(object_type="problem", object_id=problem.pk).count(), 1)
        self.assertEqual(AuditEntry.objects.filter(object_type="measure", object_id=measure.pk).count(), 1)
        self.report.refresh_from_db()
        self.assertEqual(self.report.imported_version.number, 1)
        self.assertEqual(self.report.imported_by, self.office)

    def test_confirming_twice_does_not_duplicate(self):
        self.login(self.office)
        self.client.post(self.url("report_ledger", self.report), self.form())
        self.assertEqual(Problem.objects.filter(source=self.source).count(), 2)
        self.assertEqual(Measure.objects.filter(problem__source=self.source).count(), 2)
        self.assertRefused(
            lambda: self.client.post(self.url("report_ledger", self.report), self.form()),
            400,
            "该材料第1版已录入整改台账，不会重复录入",
        )

    def test_one_bad_row_stores_nothing(self):
        self.login(self.office)
        data = self.form(**{"p1-m0-deadline": "", "p1-m0-term": Term.DEADLINE})
        self.assertRefused(
            lambda: self.client.post(self.url("report_ledger", self.report), data),
            400,
            "第2个问题的第1条措施：限期整改的措施必须填写完成时限",
        )

    def test_an_owner_from_another_organisation_is_refused(self):
        self.login(self.office)
        data = self.form(**{"p0-m0-owner": str(self.outsider.pk)})
        self.assertRefused(
            lambda: self.client.post(self.url("report_ledger", self.report), data),
            400,
            "第1个问题的第1条措施：责任人必须是“机关党组”或其下级组织在职的书记、办公室人员或班子成员",
        )

    def test_a_report_not_approved_cannot_go_in(self):
        other = self.report_of(self.colleague, text=REPORT, state=ReportState.SUBMITTED)
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.get(self.url("report_ledger", other)),
            400,
            "只有审核通过的材料才能录入整改台账",
        )
        self.assertRefused(
            lambda: self.client.post(self.url("report_ledger", other), self.form()),
            400,
            "只有审核通过的材料才能录入整改台账",
        )

    def test_only_the_office_puts_it_in(self):
        data = self.form()
        for person, message in (
            (self.reviewer, OFFICE_ONLY),
            (self.member, OFFICE_ONLY),
            (self.outsider, "没有找到该材料，或您无权查看"),
        ):
            self.login(person)
            self.assertRefused(
                partial(self.client.post, self.url("report_ledger", self.report), data), 404, message
            )

    def test_a_problem_the_source_already_has_is_flagged_and_unticked(self):
        # The office typed the report's first problem into the ledger before, in slightly other words.
        services.create_problem(
            self.office, source=self.source, description="（一）联系群众不够紧密，下基层调研次数偏少"
        )
        self.login(self.office)
        r = self.client.get(self.url("report_ledger", self.report))
        first, second = r.context["rows"]
        self.assertEqual(
            (first.include, first.duplicate),
            (False, "台账中已有相近问题：第1个问题“（一）联系群众不够紧密，下基层调研次数偏少”"),
        )
        self.assertEqual((second.include, second.duplicate), (True, ""))
        self.assertContains(r, "未勾选，确需再录入请勾选")


class SeedIntoLedgerTestCase(ReviewTestCase):
    def test_entries_under_no_aspect_are_proposed_unticked(self):
        report = self.report_of(self.member, state=ReportState.APPROVED)
        rows = into_ledger.report_rows(report)
        self.assertEqual(len(rows), 19)
        unticked = [r.description[:8] for r in rows if not r.include]
        self.assertEqual(unticked, ["巡察反馈情况。2", "参加双重组织生活", "践行不违规插手干"])
        self.assertTrue(all(r.measures for r in rows))
