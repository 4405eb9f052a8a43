"""A branch's attendance sheet into the records: all lines or none, row and column named, the same
rules and audit as the page, a second import of the same sheet adds nothing."""

from __future__ import annotations

import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.base import make_person
from tests.web.records.base import RecordsTestCase
from zhenggai.documents.attendance_sheet import read_attendance
from zhenggai.ledger.audit import AuditEntry
from zhenggai.orgs.models import Role
from zhenggai.records import dual_life
from zhenggai.records.attendance_import import import_attendance
from zhenggai.records.models import Attendance, BranchMeeting

TITLE = ("机关第一党支部2026年组织生活参会情况表", None, None, None, None, None)
HEADER = ("日期", "会议类型", "主题", "姓名", "出席情况", "缺席原因")


def sheet(*lines: tuple[object, ...]):
    return read_attendance([TITLE, HEADER, *lines])


def test_the_sheet_is_read_with_the_meeting_written_once_for_several_lines():
    read = sheet(
        (datetime.datetime(2026, 3, 1), "主题党日", "重温入党誓词", "张委员", "出席并发言", None),
        ("", "", "", "刘委员", "请假", "外出学习"),
        ("2026年4月2日", "党小组会", "学习条例", "张委员", "出席", ""),
        (None, None, None, None, None, None),
    )
    assert read.errors == []
    assert [
        (line.row, line.date, line.kind, line.name, line.presence, line.reason) for line in read.lines
    ] == [
        (3, datetime.date(2026, 3, 1), "主题党日", "张委员", "出席并发言", ""),
        (4, datetime.date(2026, 3, 1), "主题党日", "刘委员", "请假", "外出学习"),
        (5, datetime.date(2026, 4, 2), "党小组会", "张委员", "出席", ""),
    ]


def test_a_sheet_without_its_columns_or_with_a_bad_date_says_where():
    assert read_attendance([("名单",), ("张委员",)]).errors[0][2].startswith("找不到表头")
    read = sheet(("三月", "主题党日", "学习", "张委员", "出席", ""))
    assert read.errors == [(3, "日期", "无法识别日期“三月”，请写成“2022年3月1日”")]


class AttendanceImportTestCase(RecordsTestCase):
    def setUp(self) -> None:
        super().setUp()
        dual_life.set_branch(self.office, self.colleague, self.branch)
        self.day = self.today - datetime.timedelta(days=3)

    def test_every_meeting_is_recorded_once_through_the_same_rules(self):
        read = sheet(
            (self.day, "主题党日", "重温入党誓词", "张委员", "出席并发言", ""),
            ("", "", "", "刘委员", "请假", "外出学习"),
        )
        imported = import_attendance(self.branch_secretary, self.branch, read)
        self.assertEqual((imported.meetings, imported.lines, imported.skipped), (1, 2, 0))
        meeting = BranchMeeting.objects.get()
        self.assertEqual(
            sorted(meeting.attendance.values_list("person__username", "presence", "reason")),
            [("colleague", "absent", "外出学习"), ("member", "spoke", "")],
        )
        self.assertEqual(AuditEntry.objects.filter(summary="登记支部会议").count(), 1)
        again = import_attendance(self.branch_secretary, self.branch, read)
        self.assertEqual((again.meetings, again.skipped), (0, 1))
        self.assertEqual(Attendance.objects.count(), 2)

    def test_one_bad_line_and_nothing_is_recorded(self):
        good = (self.day, "主题党日", "重温入党誓词", "张委员", "出席", "")
        for line, message in (
            (
                ("", "", "", "王五", "出席", ""),
                "第4行“姓名”列：“王五”没有编入“机关第一党支部”，请先登记其所在党支部",
            ),
            (
                ("", "", "", "刘委员", "迟到", ""),
                "第4行“出席情况”列：无法识别“迟到”，应为出席、出席并发言或缺席",
            ),
            (("", "", "", "刘委员", "缺席", ""), "刘委员缺席，请写明缺席原因"),
            (
                (self.day, "座谈会", "学习", "刘委员", "出席", ""),
                "第4行“会议类型”列：无法识别“座谈会”，应为支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会",
            ),
        ):
            with self.subTest(message=message), self.assertServiceRefused(message):
                import_attendance(self.branch_secretary, self.branch, sheet(good, line))

    def test_a_name_two_people_of_the_branch_bear_is_refused_as_ambiguous(self):
        namesake = make_person("zhangwei2", "张委员", self.unit, Role.MEMBER)
        dual_life.set_branch(self.office, namesake, self.branch)
        line = (self.day, "主题党日", "重温入党誓词", "张委员", "出席", "")
        with self.assertServiceRefused(
            "第3行“姓名”列：“机关第一党支部”中有2人名为“张委员”，无法确定是哪一位，"
            "请在“姓名”列改填其登录名（member、zhangwei2）"
        ):
            import_attendance(self.branch_secretary, self.branch, sheet(line))
        by_login = (self.day, "主题党日", "重温入党誓词", "zhangwei2", "出席", "")
        import_attendance(self.branch_secretary, self.branch, sheet(by_login))
        self.assertEqual(list(Attendance.objects.values_list("person__username", flat=True)), ["zhangwei2"])

    def test_only_the_branch_managers_import(self):
        with self.assertServiceRefused("只有该党支部的书记或办公室可以导入支部会议", 403):
            import_attendance(
                self.member, self.branch, sheet((self.day, "主题党日", "学习", "张委员", "出席", ""))
            )


class AttendancePageTestCase(RecordsTestCase):
    """The branch page's 从 Excel 导入, with a real workbook written by openpyxl."""

    def workbook(self, *lines: tuple[object, ...]) -> SimpleUploadedFile:
        book = openpyxl.Workbook()
        sheet = book.active
        for line in (TITLE, HEADER, *lines):
            sheet.append(list(line))
        sheet.merge_cells("A1:F1")
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("参会情况表.xlsx", buffer.getvalue())

    def post(self, upload: SimpleUploadedFile):
        return self.client.post(reverse("records:branch_import", args=[self.branch.pk]), {"file": upload})

    def test_the_branch_secretary_imports_a_workbook(self):
        day = self.today - datetime.timedelta(days=2)
        self.login(self.branch_secretary)
        upload = self.workbook((day, "主题党日", "重温入党誓词", "张委员", "出席并发言", ""))
        page = self.client.post(
            reverse("records:branch_import", args=[self.branch.pk]), {"file": upload}, follow=True
        )
        self.assertEqual(page.redirect_chain, [(reverse("records:branch", args=[self.branch.pk]), 302)])
        self.assertContains(page, "已导入支部会议1次、参会记录1条")
        self.assertContains(page, "张委员：出席并发言")

    def test_a_bad_line_or_a_file_that_is_no_workbook_is_refused_with_nothing_written(self):
        self.login(self.branch_secretary)
        bad = self.workbook((self.today, "主题党日", "学习", "王五", "出席", ""))
        self.assertRefused(
            lambda: self.post(bad), 400, "第3行“姓名”列：“王五”没有编入“机关第一党支部”，请先登记其所在党支部"
        )
        self.assertRefused(
            lambda: self.post(SimpleUploadedFile("名单.xlsx", b"not a workbook")),
            400,
            "“名单.xlsx”不是 .xlsx 文件（也不是 .xls 或 .ods 表格）。请用 Excel 或 WPS 表格打开后另存为 .xlsx 再上传。",
        )

    def test_a_member_may_not_import(self):
        self.login(self.member)
        upload = self.workbook((self.today, "主题党日", "学习", "张委员", "出席", ""))
        self.assertRefused(lambda: self.post(upload), 403, "只有该党支部的书记或办公室可以导入支部会议")
