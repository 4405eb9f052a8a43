"""The Excel import keeps the pages' rules: one test per rule, each refusal naming row and column in
Chinese with nothing stored; done rows get their completion date and lateness; owners only among the
organisation's eligible people; people and units it creates are audited.
"""

from __future__ import annotations

import datetime

from tests.documents.ledger_builders import HEADERS, ledger_xlsx
from tests.web.base import BaseTestCase, make_person
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.import_people import PERSON_CREATED, UNIT_CREATED
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, Status
from zhenggai.orgs.models import Membership, Organisation, Role, User

SOURCE = "2022年市委第一巡察组巡察"


class ImportRulesTestCase(BaseTestCase):
    def row(self, **over):
        """One measure row in the builder's columns, changed by `over` (column header → value)."""
        values = {
            "序号": 1,
            "问题来源": SOURCE,
            "问题描述": "落实主体责任不到位",
            "整改措施": "制定责任清单",
            "责任领导/责任人": "张委员",
            "责任单位": "办公室",
            "整改时限": "2030年3月31日",
            "整改进展": "",
            "完成情况": "正在推进",
            "佐证材料": "",
        }
        values.update(over)
        return values

    def run_import(self, *rows, **kwargs):
        headers = list(dict.fromkeys(h for r in rows for h in [*HEADERS, *r]))
        data = ledger_xlsx([[r.get(h) for h in headers] for r in rows], headers=headers)
        return import_ledger(self.secretary, data, "台账.xlsx", organisation=self.team, **kwargs)

    def assertImportRefused(self, message, *rows, **kwargs):
        """The file is refused with exactly this error, and nothing of any table or file changed."""
        with self.assertNothingChanged():
            report = self.run_import(*rows, **kwargs)
        self.assertFalse(report.stored)
        self.assertEqual([str(e) for e in report.sheet.errors], [message])
        self.assertIn("整个文件未导入，台账没有任何改动", report.summary())
        return report

    # --- the status rules -------------------------------------------------------------------

    def test_blocked_without_a_reason_is_refused(self):
        review = (self.today + datetime.timedelta(days=30)).isoformat()
        self.assertImportRefused(
            "第3行“整改进展”列：标记为暂不具备整改条件必须说明原因（写在“暂缓原因”或“整改进展”列）。",
            self.row(完成情况="暂不具备整改条件", 复查日期=review),
        )

    def test_blocked_without_a_review_date_is_refused(self):
        self.assertImportRefused(
            "第3行“复查日期”列：标记为暂不具备整改条件必须填写复查日期（请加一列“复查日期”）。",
            self.row(完成情况="暂不具备整改条件", 整改进展="待上级统一部署"),
        )

    def test_blocked_with_a_past_review_date_is_refused(self):
        self.assertImportRefused(
            "第3行“复查日期”列：复查日期不能早于今天。",
            self.row(完成情况="暂不具备整改条件", 暂缓原因="待上级统一部署", 复查日期="2021年1月1日"),
        )

    def test_blocked_with_reason_and_review_date_is_stored(self):
        review = self.today + datetime.timedelta(days=30)
        report = self.run_import(
            self.row(完成情况="暂不具备整改条件", 暂缓原因="待上级统一部署", 复查日期=review.isoformat())
        )
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        measure = Measure.objects.get(text="制定责任清单")
        self.assertEqual(
            (measure.status, measure.blocked_reason, measure.review_date),
            (Status.BLOCKED, "待上级统一部署", review),
        )

    def test_a_deadline_measure_without_a_deadline_is_refused(self):
        self.assertImportRefused(
            "第3行“整改时限”列：限期整改的措施必须填写完成时限。", self.row(整改时限=None)
        )

    def test_done_without_a_completion_note_is_refused(self):
        self.assertImportRefused(
            "第3行“整改进展”列：标记为已完成必须填写完成情况说明（写在“整改进展”列）。",
            self.row(完成情况="已完成", 佐证材料="清单.pdf"),
        )

    def test_a_completion_date_after_today_is_refused(self):
        later = (self.today + datetime.timedelta(days=3)).isoformat()
        self.assertImportRefused(
            "第3行“完成日期”列：完成日期不能晚于今天。",
            self.row(完成情况="已完成", 整改进展="已印发", 完成日期=later),
        )

    # --- completion date and lateness -------------------------------------------------------

    def test_done_rows_get_their_completion_date_and_lateness(self):
        done = {"整改时限": "2022年3月31日", "完成情况": "已完成", "整改进展": "已印发"}
        report = self.run_import(
            self.row(整改措施="按期", 完成日期="2022年3月20日", **done),
            self.row(整改措施="逾期", 完成日期="2022年4月8日", **done),
        )
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        on_time, late = Measure.objects.get(text="按期"), Measure.objects.get(text="逾期")
        self.assertEqual((on_time.completed_on, on_time.finished_late), (datetime.date(2022, 3, 20), False))
        self.assertEqual((late.completed_on, late.finished_late), (datetime.date(2022, 4, 8), True))

    def test_a_done_row_without_a_completion_date_is_done_today_and_late_past_its_deadline(self):
        report = self.run_import(
            self.row(整改时限="2022年3月31日", 完成情况="已完成", 整改进展="已印发", 佐证材料="清单.pdf")
        )
        self.assertTrue(report.stored)
        measure = Measure.objects.get(text="制定责任清单")
        self.assertEqual((measure.completed_on, measure.finished_late), (self.today, True))
        self.assertIn(
            f"第3行“完成日期”列：没有填写完成日期，按导入当天（{self.today:%Y年%m月%d日}）计，已过整改时限，"
            "记为逾期完成；如实际按期完成，请加一列“完成日期”填写。",
            [str(w) for w in report.sheet.warnings],
        )

    # --- owners: only the organisation's eligible people ------------------------------------

    def unknown(self, name: str) -> str:
        return (
            f"第3行“责任领导/责任人”列：“{name}”不在可选的责任人中（责任人必须是“机关党组”或其下级组织在职的"
            "书记、办公室人员或班子成员）：请改为已有人员的姓名，或在检查结果中勾选“新建该人员”后重新检查。"
        )

    def test_a_namesake_in_another_organisation_is_not_matched(self):
        make_person("namesake", "周敏", self.other_team, Role.MEMBER)
        report = self.assertImportRefused(self.unknown("周敏"), self.row(**{"责任领导/责任人": "周敏"}))
        self.assertEqual(report.unknown_owners, ["周敏"])

    def test_a_reviewer_is_not_an_owner(self):
        self.assertImportRefused(self.unknown("赵审核"), self.row(**{"责任领导/责任人": "赵审核"}))

    def test_someone_inactive_is_not_an_owner(self):
        User.objects.filter(pk=self.colleague.pk).update(is_active=False)
        self.assertImportRefused(self.unknown("刘委员"), self.row(**{"责任领导/责任人": "刘委员"}))

    def test_an_ambiguous_name_is_refused(self):
        make_person("zhang2", "张委员", self.unit, Role.MEMBER)
        self.assertImportRefused(
            "第3行“责任领导/责任人”列：“张委员”在“机关党组”及其下级组织中有2人（机关党组、办公室），"
            "无法确定是谁：请改写为其登录名。",
            self.row(),
        )

    def test_an_ambiguous_name_written_as_a_login_is_matched(self):
        make_person("zhang2", "张委员", self.unit, Role.MEMBER)
        report = self.run_import(self.row(**{"责任领导/责任人": "zhang2"}))
        self.assertTrue(report.stored)
        self.assertEqual(Measure.objects.get(text="制定责任清单").owner.username, "zhang2")

    def test_someone_of_a_unit_below_is_matched(self):
        below = make_person("below", "钱科长", self.unit, Role.MEMBER)
        report = self.run_import(self.row(**{"责任领导/责任人": "钱科长"}))
        self.assertTrue(report.stored)
        self.assertEqual(Measure.objects.get(text="制定责任清单").owner, below)

    def test_an_unknown_owner_is_created_only_when_chosen_and_audited(self):
        report = self.run_import(self.row(**{"责任领导/责任人": "新同志"}), create_owners=["新同志"])
        self.assertTrue(report.stored)
        person = User.objects.get(display_name="新同志")
        self.assertFalse(person.has_usable_password())
        self.assertTrue(
            Membership.objects.filter(user=person, organisation=self.team, role=Role.MEMBER).exists()
        )
        trail = AuditEntry.objects.get(summary=PERSON_CREATED)
        self.assertEqual(
            (trail.object_id, trail.actor, trail.after["display_name"]), (person.pk, self.secretary, "新同志")
        )
        self.assertEqual(report.owners_created, ["新同志"])

    def test_an_organisation_created_by_the_import_is_audited(self):
        report = self.run_import(self.row(责任单位="财务科"))
        self.assertTrue(report.stored)
        unit = Organisation.objects.get(name="财务科")
        self.assertEqual(unit.parent, self.team)
        trail = AuditEntry.objects.get(summary=UNIT_CREATED)
        self.assertEqual(
            (trail.object_type, trail.object_id, trail.actor), ("organisation", unit.pk, self.secretary)
        )
