"""Export → edit in Excel → import: the file's hidden keys update what changed and never duplicate; the
check previews new, changed (old → new), unchanged and refused rows, and what the file leaves out.
"""

from __future__ import annotations

import datetime
import io

import openpyxl

from tests.web.base import BaseTestCase, upload
from zhenggai.documents.ledger_xlsx import COLUMNS
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.exports import export_chunks
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, Problem, Progress, Status
from zhenggai.orgs.models import User

#: The exported columns' positions (1-based), by field; the hidden key is the last.
COLUMN = {name: number for number, (_, name, _) in enumerate(COLUMNS, start=1)}


class ReimportTestCase(BaseTestCase):
    def exported(self, measures=None) -> openpyxl.Workbook:
        measures = measures if measures is not None else Measure.objects.filter(organisation=self.team)
        data = b"".join(export_chunks(measures, "xlsx"))
        return openpyxl.load_workbook(io.BytesIO(data))

    def row_of(self, ws, measure: Measure) -> int:
        return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, COLUMN["key"]).value == measure.pk)

    def saved(self, wb: openpyxl.Workbook) -> bytes:
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def edited(self, **cells):
        """The export with self.measure's row changed as in Excel: `cells` by COLUMN name → value."""
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        for name, value in cells.items():
            wb.active.cell(at, COLUMN[name]).value = value
        return wb, wb.active, at

    def reimport(self, wb, **kwargs):
        return import_ledger(self.office, self.saved(wb), "整改台账.xlsx", organisation=self.team, **kwargs)

    def test_reimporting_the_export_unchanged_adds_and_changes_nothing(self):
        with self.assertNothingChanged():
            report = self.reimport(self.exported(), dry_run=True)
        self.assertTrue(report.ok, [str(e) for e in report.sheet.errors])
        self.assertEqual((len(report.new_rows), len(report.changed), report.unchanged), (0, 0, 2))
        counts = (Measure.objects.count(), Problem.objects.count())
        report = self.reimport(self.exported())
        self.assertTrue(report.stored)
        self.assertEqual((Measure.objects.count(), Problem.objects.count()), counts)

    def test_edited_rows_update_their_measures_and_new_rows_are_added(self):
        wb, ws, at = self.edited(measure="每月研读原著三篇", owner="刘委员", progress="已制定计划")
        ws.insert_rows(at + 1)
        ws.cell(at + 1, COLUMN["measure"]).value = "开展专题研讨"
        ws.cell(at + 1, COLUMN["owner"]).value = "张委员"
        ws.cell(at + 1, COLUMN["deadline"]).value = "2030年6月30日"
        ws.cell(at + 1, COLUMN["status"]).value = "未启动"
        before = Measure.objects.count()
        preview = self.reimport(wb, dry_run=True)
        self.assertTrue(preview.ok, [str(e) for e in preview.sheet.errors])
        self.assertEqual(Measure.objects.count(), before)
        (change,) = preview.changed
        self.assertEqual(change.key, str(self.measure.pk))
        self.assertEqual(
            change.changes,
            [
                ("整改措施", self.measure.text, "每月研读原著三篇"),
                ("责任领导/责任人", "张委员", "刘委员"),
                ("整改进展（新增）", "", "已制定计划"),
            ],
        )
        self.assertEqual(preview.new_rows, [(at + 1, "开展专题研讨")])
        report = self.reimport(wb)
        self.assertTrue(report.stored)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.text, measure.owner), ("每月研读原著三篇", self.colleague))
        self.assertEqual(Progress.objects.filter(measure=measure).get().text, "已制定计划")
        added = Measure.objects.get(text="开展专题研讨")
        self.assertEqual((added.problem, added.owner), (self.measure.problem, self.member))
        self.assertEqual(Measure.objects.count(), before + 1)
        self.assertTrue(
            AuditEntry.objects.filter(
                object_type="measure", object_id=measure.pk, summary="修改整改措施"
            ).exists()
        )

    def test_an_emptied_status_cell_keeps_the_measures_status(self):
        services.change_status(self.secretary, self.measure, Status.IN_PROGRESS)
        wb, _, _ = self.edited(status=None)
        preview = self.reimport(wb, dry_run=True)
        self.assertTrue(preview.ok, [str(e) for e in preview.sheet.errors])
        self.assertEqual((len(preview.changed), preview.unchanged), (0, 2))
        self.assertIn(
            "未填写完成情况：新措施按“未启动”导入，已有措施保持原状态。",
            [w.message for w in preview.sheet.warnings],
        )
        self.assertTrue(self.reimport(wb).stored)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, Status.IN_PROGRESS)

    def block(self, review: datetime.date) -> None:
        services.change_status(
            self.secretary,
            self.measure,
            Status.BLOCKED,
            blocked_reason="需待上级政策出台",
            review_date=review,
        )

    def test_a_blocked_measures_reason_and_review_date_go_out_and_come_back_unchanged(self):
        review = datetime.date.today() + datetime.timedelta(days=60)
        self.block(review)
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        cells = [
            wb.active.cell(at, COLUMN[name]).value for name in ("status", "blocked_reason", "review_date")
        ]
        self.assertEqual(
            cells,
            ["暂不具备整改条件", "需待上级政策出台", datetime.datetime.combine(review, datetime.time())],
        )
        with self.assertNothingChanged():
            preview = self.reimport(wb, dry_run=True)
        self.assertEqual((len(preview.changed), preview.unchanged), (0, 2))

    def test_a_new_review_date_typed_in_excel_updates_the_blocked_measure_audited(self):
        review = datetime.date.today() + datetime.timedelta(days=60)
        self.block(review)
        later = review + datetime.timedelta(days=90)
        wb, _, _ = self.edited(review_date=later, blocked_reason="需待省级政策出台")
        preview = self.reimport(wb, dry_run=True)
        self.assertTrue(preview.ok, [str(e) for e in preview.sheet.errors])
        (change,) = preview.changed
        self.assertEqual(
            change.changes,
            [
                ("暂缓原因", "需待上级政策出台", "需待省级政策出台"),
                (
                    "复查日期",
                    f"{review.year}年{review.month}月{review.day}日",
                    f"{later.year}年{later.month}月{later.day}日",
                ),
            ],
        )
        self.assertTrue(self.reimport(wb).stored)
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual(
            (measure.status, measure.blocked_reason, measure.review_date),
            (Status.BLOCKED, "需待省级政策出台", later),
        )
        self.assertTrue(
            AuditEntry.objects.filter(object_type="measure", object_id=measure.pk, summary="状态变更").count()
            >= 2
        )

    def test_a_review_date_in_the_past_typed_in_excel_is_refused_as_on_the_page(self):
        self.block(datetime.date.today() + datetime.timedelta(days=60))
        wb, _, at = self.edited(review_date=datetime.date.today() - datetime.timedelta(days=1))
        with self.assertNothingChanged():
            report = self.reimport(wb)
        self.assertEqual(
            [str(e) for e in report.sheet.errors], [f"第{at}行“复查日期”列：复查日期不能早于今天。"]
        )

    def test_a_done_measures_completion_date_is_exported(self):
        services.add_evidence(self.member, self.measure, [upload()])
        services.change_status(self.secretary, self.measure, Status.DONE, completion_note="已完成学习计划")
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        done = Measure.objects.get(pk=self.measure.pk).completed_on
        self.assertEqual(
            wb.active.cell(at, COLUMN["completed_on"]).value, datetime.datetime.combine(done, datetime.time())
        )
        with self.assertNothingChanged():
            preview = self.reimport(wb, dry_run=True)
        self.assertEqual((len(preview.changed), preview.unchanged), (0, 2))

    def test_a_changed_deadline_is_refused_as_on_the_page(self):
        wb, _, at = self.edited(deadline=self.measure.deadline + datetime.timedelta(days=30))
        with self.assertNothingChanged():
            report = self.reimport(wb)
        self.assertEqual(
            [str(e) for e in report.sheet.errors],
            [f"第{at}行“整改时限”列：已定的完成时限不能直接修改，请办理延期并说明原因。"],
        )

    def test_done_without_evidence_in_the_system_is_refused_as_on_the_page(self):
        wb, _, at = self.edited(status="已完成", progress="已完成学习计划")
        with self.assertNothingChanged():
            report = self.reimport(wb)
        self.assertEqual(
            [str(e) for e in report.sheet.errors],
            [f"第{at}行“完成情况/状态”列：标记为已完成必须上传至少一份佐证材料。"],
        )
        self.assertEqual(report.refused_rows, [at])

    def test_a_copied_row_keeps_a_key_twice_and_is_refused(self):
        wb, ws, at = self.edited()
        ws.insert_rows(at + 1)
        for col in range(1, COLUMN["key"] + 1):
            ws.cell(at + 1, col).value = ws.cell(at, col).value
        ws.cell(at + 1, COLUMN["measure"]).value = "另一条措施"
        with self.assertNothingChanged():
            report = self.reimport(wb)
        self.assertEqual(
            [str(e) for e in report.sheet.errors],
            [
                f"第{at + 1}行“系统编号（请勿修改）”列：编号“{self.measure.pk}”与第{at}行重复："
                "复制的行请清空编号，作为新措施导入。"
            ],
        )

    def test_a_file_without_keys_matches_by_source_and_text(self):
        wb = self.exported()
        ws = wb.active
        ws.delete_cols(COLUMN["key"])
        counts = (Measure.objects.count(), Problem.objects.count())
        report = self.reimport(wb)
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        self.assertEqual((report.unchanged, len(report.new_rows)), (2, 0))
        self.assertEqual((Measure.objects.count(), Problem.objects.count()), counts)

    def test_the_preview_lists_what_the_file_leaves_out_and_nothing_is_deleted(self):
        wb = self.exported(Measure.objects.filter(pk=self.measure.pk))
        report = self.reimport(wb)
        self.assertTrue(report.stored)
        self.assertEqual(
            report.missing_count, Measure.objects.filter(problem__source=self.source).count() - 1
        )
        self.assertTrue(Measure.objects.filter(problem__source=self.source).count() >= 2)
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).status, Status.NOT_STARTED)

    def test_an_owner_who_has_left_since_stays_on_an_unchanged_row(self):
        wb, _, _ = self.edited(measure="每月研读原著三篇")
        User.objects.filter(pk=self.member.pk).update(is_active=False)  # 张委员 left after the export
        report = self.reimport(wb)
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        measure = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((measure.text, measure.owner), ("每月研读原著三篇", self.member))
