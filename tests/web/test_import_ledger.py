"""Importing a ledger kept in Excel: all or nothing, people and units by name, audited, permissions."""

from __future__ import annotations

import datetime

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.base import BaseTestCase
from zhenggai.core.errors import Forbidden
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.imports import IMPORTED_EVIDENCE, import_ledger
from zhenggai.ledger.models import Measure, Problem, Progress, Source, Status, Term
from zhenggai.orgs.models import Organisation, User

ROWS = [
    [
        1,
        "2022年市委第一巡察组巡察",
        "落实主体责任不到位",
        "制定责任清单",
        "张委员",
        "办公室",
        "2022年3月31日",
        "已印发清单",
        "已完成",
        "责任清单.pdf",
    ],
    [None, None, None, "开展专题培训", "新同志", "财务科", "长期坚持", "", "正在推进", ""],
    [
        2,
        "2022年市委第一巡察组巡察",
        "制度执行不严格",
        "修订制度",
        "张委员、刘委员",
        "办公室",
        "2022年6月底前",
        "已修订印发",
        "已完成",
        "",
    ],
]
MERGES = ["A3:A4", "B3:B4", "C3:C4"]


class ImportLedgerTestCase(BaseTestCase):
    def file(self, rows=ROWS, merges=MERGES) -> bytes:
        return ledger_xlsx(rows, merges=merges)

    def run_import(self, data=None, actor=None, **kwargs):
        """Import into the team; 新同志, whom nobody knows, is created as the office chose on the check page."""
        kwargs.setdefault("create_owners", ["新同志"])
        return import_ledger(
            actor or self.secretary, data or self.file(), "台账.xlsx", organisation=self.team, **kwargs
        )

    def test_it_stores_problems_measures_and_progress(self):
        before = Measure.objects.count()
        report = self.run_import()
        self.assertTrue(report.stored, report.sheet.errors)
        self.assertEqual((report.problems, report.measures), (2, 3))
        self.assertEqual(Measure.objects.count(), before + 3)
        source = Source.objects.get(title="2022年市委第一巡察组巡察")
        self.assertEqual((source.kind, source.organisation), ("inspection", self.team))
        first, _second = Problem.objects.filter(source=source).order_by("number")
        self.assertEqual((first.number, first.description), (1, "落实主体责任不到位"))
        m1, m2 = first.measures.order_by("number")
        self.assertEqual(
            (m1.text, m1.owner, m1.unit, m1.deadline),
            ("制定责任清单", self.member, self.unit, datetime.date(2022, 3, 31)),
        )
        self.assertEqual(
            (m1.status, m1.completion_note, m1.done_without_evidence), (Status.DONE, "已印发清单", False)
        )
        self.assertEqual((m2.term, m2.deadline, m2.status), (Term.ONGOING, None, Status.IN_PROGRESS))
        texts = sorted(Progress.objects.filter(measure=m1).values_list("text", flat=True))
        self.assertEqual(texts, sorted(["已印发清单", f"{IMPORTED_EVIDENCE}责任清单.pdf"]))
        self.assertIn("已导入", report.summary())

    def test_it_creates_owners_and_units_it_does_not_know(self):
        report = self.run_import()
        self.assertEqual(report.owners_created, ["新同志"])
        self.assertEqual(report.units_created, ["财务科"])
        newcomer = User.objects.get(display_name="新同志")
        self.assertFalse(newcomer.has_usable_password())
        self.assertTrue(newcomer.memberships.filter(organisation=self.team, role="member").exists())
        self.assertEqual(Organisation.objects.get(name="财务科").parent, self.team)

    def test_it_flags_done_without_evidence_and_takes_the_first_of_several_owners(self):
        report = self.run_import()
        measure = Measure.objects.get(text="修订制度")
        self.assertTrue(measure.done_without_evidence)
        self.assertEqual(measure.owner, self.member)
        warnings = [str(w) for w in report.sheet.warnings]
        self.assertIn("第5行“佐证材料”列：标为已完成，但没有佐证材料，已导入并标记待补。", warnings)
        self.assertIn(
            "第5行“责任领导/责任人”列：“张委员、刘委员”有多个，取第一个“张委员”，其余请在整改措施中补充。",
            warnings,
        )

    def test_it_writes_an_audit_entry_for_everything_it_created(self):
        report = self.run_import()
        source = Source.objects.get(title="2022年市委第一巡察组巡察")
        measures = Measure.objects.filter(problem__source=source)
        trail = AuditEntry.objects.filter(summary="导入台账")
        self.assertEqual(trail.filter(object_type="problem").count(), 2)
        self.assertEqual(
            set(trail.filter(object_type="measure").values_list("object_id", flat=True)),
            set(measures.values_list("pk", flat=True)),
        )
        self.assertEqual(trail.filter(object_type="progress").count(), report.progress)
        self.assertTrue(all(e.actor == self.secretary for e in trail))

    def test_a_broken_row_leaves_the_ledger_untouched(self):
        rows = [
            *ROWS,
            [
                3,
                "2022年市委第一巡察组巡察",
                "问题",
                "措施",
                "新人甲",
                "新科室",
                "2022年2月30日",
                "",
                "已完成",
                "",
            ],
        ]
        counts = (
            Measure.objects.count(),
            Problem.objects.count(),
            Source.objects.count(),
            User.objects.count(),
            AuditEntry.objects.count(),
        )
        report = self.run_import(self.file(rows))
        self.assertFalse(report.stored)
        self.assertEqual(
            [str(e) for e in report.sheet.errors], ["第6行“整改时限”列：日期“2022年2月30日”不存在。"]
        )
        self.assertEqual(
            (
                Measure.objects.count(),
                Problem.objects.count(),
                Source.objects.count(),
                User.objects.count(),
                AuditEntry.objects.count(),
            ),
            counts,
        )
        self.assertIn("整个文件未导入", report.summary())

    def test_a_dry_run_reports_and_stores_nothing(self):
        counts = (Measure.objects.count(), User.objects.count(), Organisation.objects.count())
        report = self.run_import(dry_run=True)
        self.assertFalse(report.stored)
        self.assertTrue(report.ok)
        self.assertEqual(report.measures, 3)
        self.assertEqual(
            (Measure.objects.count(), User.objects.count(), Organisation.objects.count()), counts
        )
        self.assertIn("试导入", report.summary())

    def test_it_imports_into_a_chosen_source(self):
        report = self.run_import(source=self.source)
        self.assertTrue(report.stored)
        numbers = list(
            Problem.objects.filter(source=self.source).order_by("number").values_list("number", flat=True)
        )
        self.assertEqual(numbers, [1, 2, 3])

    def test_rows_without_a_source_are_refused_when_none_is_chosen(self):
        rows = [[1, "", "问题", "措施", "张委员", "办公室", "2022年3月", "", "正在推进", ""]]
        report = self.run_import(self.file(rows, merges=[]))
        self.assertFalse(report.stored)
        self.assertIn("第3行没有填写问题来源", str(report.sheet.errors[0]))

    def test_a_reviewer_member_or_outsider_may_not_import(self):
        for person in (self.reviewer, self.member, self.outsider):
            with self.subTest(person=person.username), self.assertRaises(Forbidden):
                self.run_import(actor=person)
        self.assertFalse(Source.objects.filter(title="2022年市委第一巡察组巡察").exists())

    def test_a_source_of_an_unrelated_organisation_is_refused(self):
        from zhenggai.ledger.sources import create_source

        other = create_source(
            self.outsider, kind="inspection", organisation=self.other_team, inspecting_body="第二巡察组"
        )
        report = self.run_import(source=other)
        self.assertFalse(report.stored)
        self.assertIn("与导入的组织“机关党组”无关", str(report.sheet.errors[0]))
