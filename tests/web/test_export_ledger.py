"""Exporting the ledger (.xlsx and CSV, pages and command line) and importing the export back."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from tests.documents.ledger_builders import ledger_xlsx
from tests.web.base import BaseTestCase
from zhenggai.documents.ledger_xlsx import read_ledger_xlsx
from zhenggai.ledger.exports import export_chunks, ledger_rows
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Measure, Problem, Source, Status
from zhenggai.orgs.models import Membership, Organisation, Role


def content_of(measures) -> list[tuple]:
    """What the ledger says, whatever the ids: one tuple per measure, in ledger order."""
    return [
        (
            r.source,
            r.problem,
            r.aspect,
            r.category,
            r.measure,
            r.owner,
            r.unit,
            r.term,
            r.deadline,
            r.status,
            r.progress,
            r.evidence,
        )
        for r in ledger_rows(measures)
    ]


class ExportLedgerTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.finish(self.measure)  # done, with a progress note and one evidence file

    def export_bytes(self, measures=None, fmt="xlsx") -> bytes:
        return b"".join(export_chunks(measures if measures is not None else Measure.objects.all(), fmt))

    def test_export_then_import_gives_the_same_ledger(self):
        data = self.export_bytes()
        before = content_of(Measure.objects.all())
        target = Organisation.objects.create(name="新单位", parent=self.team)
        # The owners hold a role in the organisation imported into, as the ledger's owner rule asks.
        for owner in (self.member, self.colleague):
            Membership.objects.create(user=owner, organisation=target, role=Role.MEMBER)
        report = import_ledger(self.secretary, data, "导出.xlsx", organisation=target)
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        imported = Measure.objects.filter(organisation=target)
        self.assertEqual(content_of(imported), before)
        self.assertEqual(Problem.objects.filter(organisation=target).count(), 1)
        # and the second export of the imported ledger is the first one again
        self.assertEqual(
            [
                r.same_content(s)
                for r, s in zip(
                    read_ledger_xlsx(self.export_bytes(imported), "b.xlsx").rows,
                    read_ledger_xlsx(data, "a.xlsx").rows,
                    strict=True,
                )
            ],
            [True, True],
        )

    def test_the_export_carries_status_progress_and_evidence_names(self):
        sheet = read_ledger_xlsx(self.export_bytes(), "导出.xlsx")
        done, other = sheet.rows
        self.assertEqual(
            (done.status, done.progress, done.evidence, done.owner, done.unit),
            ("done", "已完成", "整改说明.pdf", "张委员", "办公室"),
        )
        self.assertEqual((other.status, other.problem_ref), ("not_started", done.problem_ref))
        self.assertEqual(done.source, self.source.title)

    def test_csv_export_has_a_bom_and_one_line_per_measure(self):
        data = self.export_bytes(fmt="csv")
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[1][11], "已完成")

    def test_the_secretary_exports_the_filtered_page(self):
        self.login(self.secretary)
        r = self.client.get(reverse("ledger_io:export"), {"status": Status.DONE, "format": "xlsx"})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.streaming)
        self.assertIn("attachment", r["Content-Disposition"])
        rows = read_ledger_xlsx(b"".join(r.streaming_content), "x.xlsx").rows
        self.assertEqual([row.measure for row in rows], [self.measure.text])

    def test_a_member_exports_only_his_own_measures_and_the_outsider_nothing(self):
        self.login(self.member)
        r = self.client.get(reverse("ledger_io:export"), {"format": "csv"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "text/csv; charset=utf-8")
        text = b"".join(r.streaming_content).decode("utf-8-sig")
        self.assertIn(self.measure.text, text)
        self.assertNotIn(self.colleague_measure.text, text)
        self.login(self.outsider)
        r = self.client.get(reverse("ledger_io:export"), {"format": "csv"})
        self.assertEqual(b"".join(r.streaming_content).decode("utf-8-sig").count("\r\n"), 1)

    def test_a_bad_filter_is_refused_with_a_message(self):
        self.login(self.secretary)
        url = reverse("ledger_io:export")
        self.assertRefused(lambda: self.client.get(url, {"status": "whatever"}), 400, "状态无效")
        self.assertRefused(
            lambda: self.client.get(url, {"format": "pdf", "owner": "x"}),
            400,
            "“责任人”应为数字，收到“x”；导出格式应为 xlsx、csv 或 docx",
        )

    def test_anonymous_visitors_are_sent_to_log_in(self):
        r = self.client.get(reverse("ledger_io:export"))
        self.assertRedirects(r, f"{reverse('login')}?next={reverse('ledger_io:export')}")


class LedgerCommandTestCase(BaseTestCase):
    def run_command(self, *args):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("ledger", *args, stdout=out, stderr=err)
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, out.getvalue(), err.getvalue()

    def write(self, data: bytes, name="台账.xlsx") -> str:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: [p.unlink() for p in folder.iterdir()] and folder.rmdir())
        path = folder / name
        path.write_bytes(data)
        return str(path)

    def sample(self, deadline="2022年3月31日") -> bytes:
        return ledger_xlsx(
            [[1, "2022年督查", "问题甲", "措施甲", "张委员", "办公室", deadline, "", "正在推进", ""]]
        )

    def test_import_stores_and_exits_0(self):
        code, out, _ = self.run_command(
            "import", self.write(self.sample()), "--user", "secretary", "--organisation", str(self.team.pk)
        )
        self.assertEqual(code, 0)
        self.assertIn("问题描述 → 问题描述", out)
        self.assertIn("已导入“台账.xlsx”：新增问题 1 个、整改措施 1 条", out)
        self.assertTrue(Measure.objects.filter(text="措施甲").exists())

    def test_an_unknown_owner_is_refused_until_named_with_create_owner(self):
        data = ledger_xlsx(
            [[1, "2022年督查", "问题甲", "措施甲", "新同志", "办公室", "2030年3月31日", "", "正在推进", ""]]
        )
        path = self.write(data)
        with self.assertNothingChanged():
            code, out, _ = self.run_command(
                "import", path, "--user", "secretary", "--organisation", "机关党组"
            )
        self.assertEqual(code, 1)
        self.assertIn("第3行“责任领导/责任人”列：“新同志”不在可选的责任人中", out)
        self.assertIn("请加上 --create-owner 新同志 重新导入", out)
        args = (
            "import",
            path,
            "--user",
            "secretary",
            "--organisation",
            "机关党组",
            "--create-owner",
            "新同志",
        )
        code, out, _ = self.run_command(*args)
        self.assertEqual(code, 0, out)
        self.assertEqual(Measure.objects.get(text="措施甲").owner.display_name, "新同志")

    def test_dry_run_stores_nothing(self):
        code, out, _ = self.run_command(
            "import",
            self.write(self.sample()),
            "--dry-run",
            "--user",
            "secretary",
            "--organisation",
            "机关党组",
        )
        self.assertEqual(code, 0)
        self.assertIn("试导入", out)
        self.assertFalse(Measure.objects.filter(text="措施甲").exists())

    def test_a_refused_file_exits_1_with_the_row_and_column(self):
        path = self.write(self.sample("2022年2月30日"))
        code, out, _ = self.run_command(
            "import", path, "--user", "secretary", "--organisation", str(self.team.pk)
        )
        self.assertEqual(code, 1)
        self.assertIn("第3行“整改时限”列：日期“2022年2月30日”不存在。", out)
        self.assertIn("整个文件未导入", out)
        self.assertFalse(Measure.objects.filter(text="措施甲").exists())

    def test_an_unreadable_file_exits_2(self):
        code, _, err = self.run_command(
            "import",
            self.write(b"not a workbook", "x.xlsx"),
            "--user",
            "secretary",
            "--organisation",
            "机关党组",
        )
        self.assertEqual(code, 2)
        self.assertIn("不是 .xlsx 文件", err)
        code, _, err = self.run_command(
            "import", "/nonexistent/台账.xlsx", "--user", "secretary", "--organisation", "机关党组"
        )
        self.assertEqual((code, "找不到文件" in err), (2, True))

    def test_export_writes_xlsx_and_csv_with_filters(self):
        folder = Path(tempfile.mkdtemp())
        xlsx, csv_path = folder / "台账.xlsx", folder / "台账.csv"
        code, out, _ = self.run_command("export", "-o", str(xlsx), "--owner", str(self.member.pk))
        self.assertEqual(code, 0)
        self.assertIn("已导出 1 条", out)
        self.assertEqual(
            [r.measure for r in read_ledger_xlsx(xlsx.read_bytes(), "x.xlsx").rows], [self.measure.text]
        )
        code, _, _ = self.run_command("export", "--format", "csv", "-o", str(csv_path))
        self.assertTrue(csv_path.read_bytes().startswith(b"\xef\xbb\xbf"))
        self.assertEqual(sorted(p.name for p in folder.iterdir()), ["台账.csv", "台账.xlsx"])  # no leftovers
        xlsx.unlink()
        csv_path.unlink()
        folder.rmdir()

    def test_the_source_named_on_the_command_line_is_used(self):
        code, _, _ = self.run_command(
            "import",
            self.write(self.sample()),
            "--user",
            "secretary",
            "--organisation",
            "机关党组",
            "--source",
            str(self.source.pk),
        )
        self.assertEqual(code, 0)
        self.assertEqual(Measure.objects.get(text="措施甲").problem.source, self.source)
        self.assertFalse(Source.objects.filter(title="2022年督查").exists())
