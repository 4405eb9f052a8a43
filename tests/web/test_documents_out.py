"""The 整改方案 of a source and the ledger as a Word table, from their pages and the command line:
who may have them (as on the page they sit on), what they say, no placeholder, landscape tables."""

from __future__ import annotations

import contextlib
import io
from unittest import mock
from urllib.parse import quote

from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.documents.gongwen_checks import LANDSCAPE, PORTRAIT, check_sections
from tests.web.base import BaseTestCase
from zhenggai.documents import read_bytes
from zhenggai.ledger.views.documents import PLAN_READERS_ONLY

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def lines_of(data: bytes) -> list[str]:
    return [p.text for p in read_bytes("document.docx", data).paragraphs]


class PlanTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("ledger:source_plan", args=[self.source.pk])

    def test_the_secretary_office_and_reviewer_download_the_plan_with_its_table(self) -> None:
        for user in (self.secretary, self.office, self.reviewer):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], DOCX)
                self.assertIn(quote(f"{self.source.title}整改方案.docx"), response["Content-Disposition"])
                check_sections(response.content, [PORTRAIT, LANDSCAPE])
                lines = lines_of(response.content)
                self.assertEqual(lines[0], f"机关党组关于{self.source.title}查摆问题的整改方案")
                self.assertIn("查摆问题共1方面1个，制定整改措施2条，其中限期整改2条。", lines)
                deadline = self.measure.deadline
                assert deadline is not None
                self.assertIn(
                    "措施1：制定个人学习计划，每月研读原著不少于两篇。责任领导：张委员；责任单位：办公室；"
                    f"整改时限：限期整改，{deadline.year}年{deadline.month}月{deadline.day}日前。",
                    lines,
                )
                self.assertIn("整改任务清单", lines)

    def test_a_member_may_not_and_an_outsider_learns_nothing(self) -> None:
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(self.url), 403, PLAN_READERS_ONLY)
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(self.url), 404, "没有找到该问题来源，或您无权查看")

    def test_the_source_page_offers_it_to_readers_only(self) -> None:
        page = reverse("ledger:source", args=[self.source.pk])
        self.login(self.reviewer)
        self.assertContains(self.client.get(page), self.url)
        self.login(self.member)
        self.assertNotContains(self.client.get(page), self.url)

    def test_what_the_ledger_lacks_for_the_plan_is_listed_on_the_source_page(self) -> None:
        self.measure.unit = None
        self.measure.save()
        self.login(self.secretary)
        page = self.client.get(reverse("ledger:source", args=[self.source.pk]))
        self.assertContains(page, "生成的整改方案中以下内容因台账缺少数据而未写入")
        self.assertContains(page, "问题1的措施1没有填写责任单位")
        response = self.client.get(self.url)
        self.assertNotIn("责任单位：；", "\n".join(lines_of(response.content)))

    def test_render_plan_on_the_command_line(self) -> None:
        stdout, stderr = io.StringIO(), io.StringIO()
        target = self.data_dir / "plan.docx"
        with contextlib.redirect_stderr(stderr):
            call_command("render", "plan", "--source", str(self.source.pk), "-o", str(target), stdout=stdout)
        self.assertIn(f"已生成“{self.source.title}”的整改方案：{target}", stdout.getvalue())
        check_sections(target.read_bytes(), [PORTRAIT, LANDSCAPE])
        with self.assertRaisesMessage(CommandError, "找不到编号为 999999 的问题来源。"):
            call_command("render", "plan", "--source", "999999", "-o", "-")


class LedgerDocxTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("ledger_io:export")

    def get(self, **params: str) -> list[str]:
        response = self.client.get(self.url, {"format": "docx", **params})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX)
        self.assertIn(quote(f"整改台账-{self.today:%Y%m%d}.docx"), response["Content-Disposition"])
        check_sections(response.content, [LANDSCAPE])
        return lines_of(response.content)

    def test_the_ledger_page_filters_give_the_word_table(self) -> None:
        self.login(self.secretary)
        everything = self.get()
        self.assertEqual(everything[0], "整改台账")
        self.assertIn(f"“{self.source.title}”共列问题1个、整改措施2条，已完成0条。", everything[1])
        self.assertIn("组织专题研讨，形成调研报告。", everything)
        mine = self.get(owner=str(self.member.pk), title="张委员的整改措施")
        self.assertEqual(mine[0], "张委员的整改措施")
        self.assertNotIn("组织专题研讨，形成调研报告。", mine)

    def test_a_member_gets_only_the_measures_he_sees_on_the_ledger_page(self) -> None:
        self.login(self.member)
        lines = self.get()
        self.assertIn("制定个人学习计划，每月研读原著不少于两篇。", lines)
        self.assertNotIn("组织专题研讨，形成调研报告。", lines)

    def test_the_ledger_page_has_the_button_with_its_filters(self) -> None:
        self.login(self.secretary)
        page = self.client.get(reverse("ledger:index"), {"status": "not_started"})
        self.assertContains(page, "status=not_started&amp;format=docx")

    def test_too_many_rows_for_paper_are_refused_with_a_message(self) -> None:
        self.login(self.secretary)
        with mock.patch("zhenggai.ledger.documents_out.MAX_TABLE_MEASURES", 1):
            self.assertRefused(
                lambda: self.client.get(self.url, {"format": "docx"}),
                400,
                "当前筛选条件下的整改措施超过1条，Word 表格无法打印，请缩小筛选范围，或导出 Excel",
            )

    def test_render_ledger_with_the_export_filters(self) -> None:
        target = self.data_dir / "ledger.docx"
        out = io.StringIO()
        call_command("render", "ledger", "--owner", str(self.colleague.pk), "-o", str(target), stdout=out)
        lines = lines_of(target.read_bytes())
        self.assertIn("组织专题研讨，形成调研报告。", lines)
        self.assertNotIn("制定个人学习计划，每月研读原著不少于两篇。", lines)
        with self.assertRaisesMessage(CommandError, "状态无效"):
            call_command("render", "ledger", "--status", "whatever", "-o", "-")
