"""The 整改落实情况报告 of a source downloaded from its page: computed from the ledger, for those who
read the whole ledger; what the ledger lacks is listed on the page, never written as "X"."""

from __future__ import annotations

import contextlib
import io
from urllib.parse import quote

import docx
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.documents import read_bytes
from zhenggai.documents.placeholders import find_placeholders
from zhenggai.ledger import services
from zhenggai.ledger.models import SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.ledger.views.documents import READERS_ONLY


class RectificationReportTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("ledger:source_rectification", args=[self.source.pk])
        self.page = reverse("ledger:source", args=[self.source.pk])

    def download(self) -> list[str]:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        self.assertIn(quote(f"{self.source.title}整改落实情况报告.docx"), response["Content-Disposition"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        paragraphs = read_bytes("report.docx", response.content).paragraphs
        self.assertEqual(find_placeholders(paragraphs), [])
        section = docx.Document(io.BytesIO(response.content)).sections[0]
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))
        return [p.text for p in paragraphs]

    def test_the_secretary_downloads_the_report_computed_from_the_ledger(self) -> None:
        self.finish(self.measure)
        self.login(self.secretary)
        lines = self.download()
        self.assertEqual(lines[0], f"机关党组关于{self.source.title}查摆问题整改落实情况的报告")
        today = self.today
        self.assertIn(
            f"截至{today.year}年{today.month}月{today.day}日，共查摆问题1方面1个，已整改到位0个，正在推进1个，"
            "暂不具备整改条件0个；制定整改措施2条，已完成1条。",
            lines,
        )
        self.assertIn("（一）学习。", lines)
        self.assertIn("1.理解领悟还不够深透，学用结合还不够到位。", lines)
        joined = "\n".join(lines)
        self.assertIn("措施1：制定个人学习计划，每月研读原著不少于两篇。（责任：办公室、张委员）已于", joined)
        self.assertIn("完成。全部落实。", joined)
        self.assertIn("措施2：组织专题研讨，形成调研报告。（责任：办公室、刘委员）尚未启动，计划于", joined)
        self.assertEqual(lines[-2], "机关党组")

    def test_the_office_and_the_reviewer_download_it(self) -> None:
        for user in (self.office, self.reviewer):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertTrue(self.download()[0].endswith("整改落实情况的报告"))

    def test_a_member_who_sees_only_his_measures_may_not(self) -> None:
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(self.url), 403, READERS_ONLY)

    def test_an_outsider_learns_nothing(self) -> None:
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(self.url), 404, "没有找到该问题来源，或您无权查看")

    def test_the_source_page_offers_it_to_readers_only(self) -> None:
        self.login(self.secretary)
        self.assertContains(self.client.get(self.page), self.url)
        self.login(self.member)
        self.assertNotContains(self.client.get(self.page), self.url)

    def test_what_the_ledger_lacks_is_listed_on_the_page_and_left_out_of_the_report(self) -> None:
        inspection = create_source(
            self.secretary,
            kind=SourceKind.INSPECTION,
            organisation=self.team,
            title="市委第二巡察组反馈意见",
            inspecting_body="市委第二巡察组",
        )
        services.create_problem(self.secretary, source=inspection, description="选人用人不规范。", aspect="")
        self.login(self.secretary)
        page = self.client.get(reverse("ledger:source", args=[inspection.pk]))
        for finding in ("没有填写反馈日期，开头未写反馈时间", "问题1还没有整改措施"):
            self.assertContains(page, finding)
        self.url = reverse("ledger:source_rectification", args=[inspection.pk])
        self.source = inspection
        lines = self.download()
        self.assertTrue(lines[1].startswith("市委第二巡察组向机关党组反馈了巡察意见。"))
        self.assertTrue(any(line.startswith("截至") and "共反馈问题1个，" in line for line in lines))
        self.assertFalse(any("X" in line for line in lines))


class RenderCommandTestCase(BaseTestCase):
    def test_render_rectification_writes_the_report_and_names_what_the_ledger_lacks(self) -> None:
        target = self.data_dir / "report.docx"
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err):
            call_command(
                "render", "rectification", "--source", str(self.source.pk), "-o", str(target), stdout=out
            )
        lines = [p.text for p in read_bytes("report.docx", target.read_bytes()).paragraphs]
        self.assertEqual(lines[0], f"机关党组关于{self.source.title}查摆问题整改落实情况的报告")
        self.assertIn("已生成", out.getvalue())
        self.assertNotIn("X", "".join(lines))

    def test_an_unknown_source_is_named_in_chinese(self) -> None:
        with self.assertRaisesMessage(CommandError, "找不到编号为 999999 的问题来源。"):
            call_command("render", "rectification", "--source", "999999", "-o", "-")
