"""The same ledger as .xlsx, .xls and .ods through the import page and `zhenggai ledger import`."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web import test_export_ledger
from tests.web.base import BaseTestCase
from zhenggai.ledger.models import Measure, Source

FIXTURES = Path(__file__).parents[1] / "documents" / "fixtures" / "ledger"
OWNERS = ["--create-owner", "张三", "--create-owner", "李四", "--create-owner", "王五"]
TYPES = {
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class ImportFormatsTestCase(BaseTestCase):
    run_command = test_export_ledger.LedgerCommandTestCase.run_command
    write = test_export_ledger.LedgerCommandTestCase.write

    def stored(self, suffix: str) -> list[tuple[object, ...]]:
        """Import the fixture in `suffix` with the command; the measures it stored."""
        path = self.write((FIXTURES / f"台账.{suffix}").read_bytes(), f"台账.{suffix}")
        code, out, err = self.run_command(
            "import", path, "--user", "secretary", "--organisation", str(self.team.pk), *OWNERS
        )
        self.assertEqual(code, 0, out + err)
        self.assertIn(f"已导入“台账.{suffix}”：新增问题 4 个、整改措施 9 条", out)
        fields = ("problem__description", "text", "owner__last_name", "deadline", "term")
        rows = Measure.objects.filter(problem__source__title="巡察反馈").order_by("problem__number", "number")
        found = list(rows.values_list(*fields, "status"))
        Source.objects.filter(title="巡察反馈").update(
            title=f"巡察反馈（{suffix}）"
        )  # the next starts afresh
        return found

    def test_the_command_stores_the_same_measures_from_xlsx_xls_and_ods(self):
        from_xlsx = self.stored("xlsx")
        self.assertEqual(len(from_xlsx), 9)
        self.assertEqual(self.stored("xls"), from_xlsx)
        self.assertEqual(self.stored("ods"), from_xlsx)

    def test_the_page_checks_an_xls_and_an_ods_upload(self):
        self.login(self.secretary)
        for suffix, kind in TYPES.items():
            data = (FIXTURES / f"台账.{suffix}").read_bytes()
            upload = SimpleUploadedFile(f"台账.{suffix}", data, content_type=kind)
            r = self.client.post(reverse("ledger_io:import"), {"organisation": self.team.pk, "file": upload})
            # Read in full; refused only because its owners are new, which the office may tick to create.
            read = "工作表“整改台账”，表头在第2行；读取整改措施 9 条，问题 4 个。"
            self.assertContains(r, read, status_code=400, msg_prefix=suffix)
            self.assertContains(r, f"“台账.{suffix}”有 9 处错误", status_code=400)
            self.assertContains(r, "新建该人员：王五", status_code=400)

    def test_the_page_refuses_a_hostile_xls_saying_why_and_changes_nothing(self):
        self.login(self.secretary)
        upload = SimpleUploadedFile(
            "span.xls", (FIXTURES / "span.xls").read_bytes(), content_type=TYPES["xls"]
        )
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger_io:import"), {"organisation": self.team.pk, "file": upload}
            ),
            400,
            "“span.xls”的表格范围过大（内容延伸到第 65536 行、第 256 列），超出导入上限（250000 行、共 8000000 个"
            "单元格）。请删除表格下方和右侧多余的行列，或拆分为多个文件后重新导入。",
        )
