"""A measure's row moved in Excel into another problem's block: the re-import moves the measure there,
through services.move_measure (numbered after that problem's measures, audited), shown in the preview as
所属问题 old → new; refused like the pages under a closed problem, with nothing changed."""

from __future__ import annotations

import datetime
import io

import openpyxl

from tests.web.base import BaseTestCase
from zhenggai.core.errors import Refusal
from zhenggai.documents.ledger_xlsx import COLUMNS
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.exports import export_chunks
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, SourceKind
from zhenggai.ledger.sources import create_source

KEY = [name for _, name, _ in COLUMNS].index("key") + 1


class MoveInExcelTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.other = services.create_problem(
            self.secretary, source=self.source, description="调查研究不够深入，解决实际问题办法不多。"
        )
        self.other_measure = services.create_measure(
            self.secretary,
            problem=self.other,
            text="开展蹲点调研。",
            deadline=self.today + datetime.timedelta(days=30),
            owner=self.member,
        )

    def moved_file(self) -> tuple[bytes, int]:
        """The export with the colleague's measure (the problem's second row) cut and pasted under the
        other problem's row, as in Excel; the row it now has."""
        measures = Measure.objects.filter(organisation=self.team)
        wb = openpyxl.load_workbook(io.BytesIO(b"".join(export_chunks(measures, "xlsx"))))
        ws = wb.active
        at = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, KEY).value == self.colleague_measure.pk)
        values = [ws.cell(at, c).value for c in range(1, ws.max_column + 1)]
        ws.delete_rows(at)
        row = ws.max_row + 1
        for column, value in enumerate(values, start=1):
            ws.cell(row, column).value = value
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue(), row

    def reimport(self, data: bytes, **kwargs):
        return import_ledger(self.office, data, "整改台账.xlsx", organisation=self.team, **kwargs)

    def test_the_preview_says_where_the_measure_goes_and_the_import_moves_it_audited(self):
        data, row = self.moved_file()
        with self.assertNothingChanged():
            preview = self.reimport(data, dry_run=True)
        self.assertTrue(preview.ok, [str(e) for e in preview.sheet.errors])
        (change,) = preview.changed
        self.assertEqual((change.row, change.key), (row, str(self.colleague_measure.pk)))
        self.assertEqual(
            change.changes,
            [
                (
                    "所属问题",
                    "第1个问题：理解领悟还不够深透，学用结合还不够到位。",
                    "第2个问题：调查研究不够深入，解决实际问题办法不多。",
                )
            ],
        )
        self.assertTrue(self.reimport(data).stored)
        moved = Measure.objects.get(pk=self.colleague_measure.pk)
        self.assertEqual((moved.problem, moved.number), (self.other, 2))
        self.assertEqual(Measure.objects.filter(problem=self.problem).get(), self.measure)
        entry = AuditEntry.objects.get(object_type="measure", object_id=moved.pk, summary="移动整改措施")
        self.assertEqual(
            (entry.before["problem_id"], entry.after["problem_id"]), (self.problem.pk, self.other.pk)
        )

    def test_a_move_under_a_closed_problem_is_refused_on_its_row_and_nothing_changes(self):
        self.finish(self.other_measure)
        services.close_problem(self.office, self.other)
        data, row = self.moved_file()
        with self.assertNothingChanged():
            report = self.reimport(data)
        self.assertFalse(report.stored)
        self.assertIn(
            f"第{row}行“问题描述”列：该问题已销号，如需修改请先由书记或办公室在问题页面重新打开问题。",
            [str(e) for e in report.sheet.errors],
        )

    def test_the_service_refuses_another_source_and_who_does_not_manage(self):
        inspection = create_source(
            self.secretary,
            kind=SourceKind.INSPECTION,
            organisation=self.team,
            year=2022,
            inspecting_body="市委第一巡察组",
        )
        elsewhere = services.create_problem(self.secretary, source=inspection, description="巡察发现的问题")
        with self.assertNothingChanged():
            with self.assertRaisesMessage(Refusal, "整改措施只能移到同一问题来源的另一个问题下"):
                services.move_measure(self.secretary, self.measure, elsewhere)
            with self.assertRaisesMessage(Refusal, "您没有管理“机关党组”整改台账的权限"):
                services.move_measure(self.member, self.measure, self.other)
