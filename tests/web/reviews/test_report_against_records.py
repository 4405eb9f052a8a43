"""The seed report checked against the ledger (reviews/records.py), with records made to agree and to
disagree with it: last year's counts (ZG951), "已整改到位" against open measures (ZG952), the inspection's
"X方面XX个问题" against the source (ZG953). Someone with no records gets none of these findings.
"""

from __future__ import annotations

import contextlib
import io
from unittest import mock

from tests.web.base import make_person
from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.cli import main
from zhenggai.documents import parse_document, read_text
from zhenggai.ledger import services
from zhenggai.ledger.models import SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Role
from zhenggai.reviews.analysis import analyse
from zhenggai.reviews.records import record_findings

PREVIOUS = "我查摆出X方面XX个问题，针对这些问题，我采取了强有力的措施加大问题的整改力度，取得了明显成效。"
INSPECTION = "向我本人巡察反馈意见X方面XX个问题。"


def seed(previous: str = PREVIOUS, inspection: str = INSPECTION) -> str:
    """The seed report with last year's sentence and the inspection's count as given."""
    text = SEED.decode("utf-8")
    assert PREVIOUS in text and INSPECTION in text
    return text.replace(PREVIOUS, previous).replace(INSPECTION, inspection)


class ReportAgainstRecordsTestCase(ReviewTestCase):
    """张委员 (member) owns last year's one problem (方面 学习), its measure still open."""

    def findings(self, text: str, author=None):
        parsed = parse_document(read_text(text, name="seed.txt"))
        return [(f.code, f.message) for f in record_findings(self.meeting, author or self.member, parsed)]

    def inspection(self, aspects: int, problems: int, organisation=None, actor=None, body="市委第一巡察组"):
        source = create_source(
            actor or self.secretary,
            kind=SourceKind.INSPECTION,
            organisation=organisation or self.team,
            inspecting_body=body,
        )
        for n in range(problems):
            services.create_problem(
                actor or self.secretary,
                source=source,
                description=f"反馈问题{n + 1}",
                aspect=f"方面{n % aspects + 1}",
            )

    def test_last_years_counts_against_his_ledger(self):
        said = "我查摆出2方面3个问题，针对这些问题，我采取了强有力的措施。"
        self.assertEqual(
            self.findings(seed(previous=said)),
            [
                (
                    "ZG951",
                    "文中称上年度“在2020年度专题民主生活会上，我查摆出2方面3个问题，针对这些问题，我采取了强有力的措施。”，"
                    "但上年度整改台账中张委员的问题为1方面1个问题，请核对数字",
                )
            ],
        )
        agreeing = "我查摆出1方面1个问题，针对这些问题，我采取了强有力的措施。"
        self.assertEqual(self.findings(seed(previous=agreeing)), [])

    def test_all_done_against_open_measures(self):
        said = "我查摆出1方面1个问题，目前已全部整改到位。"
        self.assertEqual(
            self.findings(seed(previous=said)),
            [
                (
                    "ZG952",
                    "文中称“全部整改到位”，但整改台账中仍有1条措施未完成（如“制定个人学习计划，每月研读原著不少于两篇。”），"
                    "请核对或写明尚未完成的整改",
                )
            ],
        )
        self.finish(self.measure)
        self.assertEqual(self.findings(seed(previous=said)), [])

    def test_the_inspections_count_against_the_source(self):
        self.inspection(aspects=3, problems=5)
        said = "向我本人巡察反馈意见2方面5个问题。"
        self.assertEqual(
            self.findings(seed(inspection=said)),
            [
                (
                    "ZG953",
                    "文中称“2021年X月XX日至X月XX日，市委第一巡察组对机关党组进行了常规巡察，向我本人巡察反馈意见"
                    "2方面5个问题。”，但整改台账中“市委第一巡察组巡察反馈意见”反馈3方面5个问题，请核对数字",
                )
            ],
        )
        self.assertEqual(self.findings(seed(inspection="向我本人巡察反馈意见3方面5个问题。")), [])

    def test_an_inspection_above_counts_one_of_another_team_or_without_problems_does_not(self):
        city_secretary = make_person("city", "钱书记", self.city, Role.SECRETARY)
        self.inspection(
            aspects=2, problems=4, organisation=self.city, actor=city_secretary, body="省委巡视组"
        )
        said = "向我本人巡察反馈意见3方面4个问题。"
        expected = [("ZG953", "”，但整改台账中“省委巡视组巡察反馈意见”反馈2方面4个问题，请核对数字")]
        found = [
            (code, message[message.index("”，但") :])
            for code, message in self.findings(seed(inspection=said))
        ]
        self.assertEqual(found, expected)
        # Newer ones of another team, and one with no problem yet, are not the meeting's inspection.
        self.inspection(aspects=1, problems=1, organisation=self.other_team, actor=self.outsider)
        self.inspection(aspects=1, problems=0)
        found = [
            (code, message[message.index("”，但") :])
            for code, message in self.findings(seed(inspection=said))
        ]
        self.assertEqual(found, expected)

    def test_someone_with_no_records_gets_no_such_findings(self):
        said = "我查摆出2方面3个问题，目前已全部整改到位。"
        self.assertEqual(
            self.findings(
                seed(previous=said, inspection="向我本人巡察反馈意见2方面5个问题。"), self.secretary
            ),
            [],
        )

    def test_the_findings_show_on_the_uploaded_reports_page(self):
        report = self.report_of(self.member, text=seed(previous="我查摆出2方面3个问题，目前已全部整改到位。"))
        codes = [f.code for f in analyse(self.meeting, report.versions.get()).findings]
        self.assertIn("ZG951", codes)
        self.assertIn("ZG952", codes)
        self.login(self.member)
        page = self.client.get(self.url("report", report))
        self.assertContains(page, "但上年度整改台账中张委员的问题为1方面1个问题")

    def test_the_command_line_checks_a_file_against_a_persons_records(self):
        path = self.data_dir / "对照检查材料.txt"
        path.write_text(
            seed(previous="我查摆出2方面3个问题，针对这些问题，我采取了强有力的措施。"), encoding="utf-8"
        )
        out, err = io.StringIO(), io.StringIO()
        # Django closes every connection after a command; the test's transaction must outlive it.
        keep = mock.patch("django.db.connections.close_all")
        with keep, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", str(path), "--person", "member"])
        self.assertEqual(status, 1, err.getvalue())  # the seed keeps its placeholders: errors
        self.assertIn(
            f"{path}:3:1: ZG951 文中称上年度“在2020年度专题民主生活会上，我查摆出2方面3个问题", out.getvalue()
        )
        with keep, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            self.assertEqual(main(["check", str(path), "--person", "nobody"]), 2)
        self.assertIn("错误：系统中没有该人员（nobody）", err.getvalue())
