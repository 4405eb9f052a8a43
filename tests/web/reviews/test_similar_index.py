"""The 查重 index in the database: filled by the worker when a version is stored, rebuilt by
`zhenggai similar --rebuild`, read by the 查重 page and the report's checks (ZG801, ZG802), which
word what they say of the other report for whoever reads them."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

from django.core.management import call_command
from django.urls import reverse

from tests.web.jobs import run_worker
from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.cli import main
from zhenggai.documents.similarity.index import text_keys
from zhenggai.reviews import services
from zhenggai.reviews.models import CopyCheck, IndexedText, IndexKey, Report, ReportState, ReportVersion
from zhenggai.reviews.similar_index import (
    candidates,
    entries_of_versions,
    meeting_boilerplate,
    version_text,
)
from zhenggai.reviews.tasks import index_version

#: A passage a colleague copies, long enough for ZG802 (≥ 60 characters).
COPIED = (
    "在调查研究方面，深入基层一线不够经常，有时满足于听汇报、看材料，对群众急难愁盼问题掌握不够全面，"
    "解决问题的办法不多，推动工作落实的力度还有差距，需要在今后的工作中切实加以改进。"
)
#: A problem the member finds again, word for word, a year later.
REPEATED = (
    "一是理论学习的系统性不强，满足于读原文、记笔记，对新思想新观点的学习停留在表面，"
    "联系分管水利工程建设实际思考不够，学用结合不紧密，用理论指导实践的本领还需提高。"
)


def report_text(*paragraphs: str) -> str:
    return "\n".join(["对照检查材料", "一、存在的问题", *paragraphs, "二、整改措施", "加强学习，改进作风。"])


class IndexTestCase(ReviewTestCase):
    def test_a_stored_version_is_indexed_by_the_worker(self):
        report = services.report_for(self.member, self.meeting)
        with self.captureOnCommitCallbacks(execute=True):
            version = services.add_version(self.member, report, services.read_upload("seed.txt", SEED))
        self.assertFalse(IndexedText.objects.filter(version=version).exists())
        self.assertGreaterEqual(run_worker(), 1)
        entry = IndexedText.objects.get(version=version)
        stored = sorted(IndexKey.objects.filter(text=entry).values_list("key", flat=True))
        expected = text_keys(version_text(version, meeting_boilerplate(self.meeting)))
        self.assertEqual(stored, expected)
        self.assertGreater(entry.sentences, 20)

    def test_the_index_names_the_copied_report_and_not_the_unrelated_one(self):
        mine = self.report_of(self.member, text=report_text(COPIED), state=ReportState.SUBMITTED)
        copier = self.report_of(self.colleague, text=report_text(COPIED), state=ReportState.SUBMITTED)
        unrelated = self.report_of(self.secretary)
        versions = [r.versions.get() for r in (copier, unrelated)]
        entries = entries_of_versions(versions)
        text = version_text(mine.versions.get(), meeting_boilerplate(self.meeting))
        self.assertEqual(set(candidates(text, entries.values())), {entries[versions[0].pk]})
        self.assertEqual(set(candidates(text, [entries[versions[1].pk]])), set())

    def test_rebuild_indexes_every_version_again(self):
        self.report_of(self.member)
        self.report_of(self.colleague, text=report_text(COPIED))
        IndexedText.objects.all().delete()
        out, err = io.StringIO(), io.StringIO()
        with redirect_stderr(err):
            call_command("similar_rebuild", stdout=out)
        self.assertEqual(IndexedText.objects.count(), ReportVersion.objects.count())
        self.assertIn("已重建查重索引：2 份文本", out.getvalue())
        self.assertEqual(IndexKey.objects.count(), int(out.getvalue().split("份文本，")[1].split(" ")[0]))

    def test_zhenggai_similar_rebuild_is_the_rebuild_command(self):
        self.report_of(self.member)
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            status = main(["similar", "--rebuild"])
        self.assertEqual(status, 0)
        self.assertIn("已重建查重索引：1 份文本", out.getvalue())


class CopiedFindingsTestCase(ReviewTestCase):
    """张委员 copies a passage from 刘委员's report, and repeats his own problem of 2021."""

    def setUp(self) -> None:
        super().setUp()
        self.last = last = Report.objects.create(
            meeting=self.last_meeting, author=self.member, state=ReportState.APPROVED, shared_number=1
        )
        ReportVersion.objects.create(
            report=last,
            number=1,
            text=report_text("（一）在理论学习方面。" + REPEATED),
            sha256="-",
            created_by=self.member,
        )
        self.other = self.report_of(self.colleague, text=report_text(COPIED), state=ReportState.SUBMITTED)
        own = report_text("（一）在理论学习方面。" + REPEATED, "（二）在调查研究方面。" + COPIED)
        self.report = self.report_of(self.member, text=own, state=ReportState.SUBMITTED)

    def page(self, user):
        self.login(user)
        return self.client.get(reverse("reviews:report", args=[self.report.pk]))

    def test_the_office_reads_both_findings_naming_the_reports(self):
        page = self.page(self.office)
        self.assertContains(page, "ZG802")
        self.assertContains(page, f"与“{self.other}”第3段的内容雷同（照搬")
        self.assertContains(page, "ZG801")
        self.assertContains(page, f"2021年{self.report}")
        self.assertContains(page, "的问题“（一）在理论学习方面。一是理论学习的系统")

    def test_the_author_reads_that_a_colleague_shares_it_but_not_whose(self):
        page = self.page(self.member)
        self.assertContains(page, "与“同一次会议另一位同志的材料”第3段的内容雷同")
        self.assertNotContains(page, str(self.other))
        # His own report of last year he reads: ZG801 quotes it.
        self.assertContains(page, "的问题“（一）在理论学习方面。一是理论学习的系统")

    def run_index_job(self) -> ReportVersion:
        version = self.report.versions.get()
        index_version.enqueue(version.pk)
        self.assertGreaterEqual(run_worker(), 1)
        return version

    def test_the_worker_adds_the_findings_to_the_stored_counts(self):
        version = self.report.versions.get()
        before = (version.errors, version.warnings)
        self.run_index_job()
        version.refresh_from_db()
        self.assertEqual(version.errors, before[0] + 1)  # ZG802
        self.assertEqual(version.warnings, before[1] + 1)  # ZG801
        check = CopyCheck.objects.get(version=version)
        self.assertEqual([e["report"] for e in check.findings], [self.other.pk, self.last.pk])

    def test_the_page_words_the_kept_findings_without_aligning_again(self):
        self.run_index_job()
        with mock.patch("zhenggai.reviews.similar.align", side_effect=AssertionError("aligned again")):
            office, member = self.page(self.office), self.page(self.member)
        self.assertContains(office, f"与“{self.other}”第3段的内容雷同（照搬")
        self.assertContains(office, f"2021年{self.report}")
        self.assertContains(member, "与“同一次会议另一位同志的材料”第3段的内容雷同")
        self.assertNotContains(member, str(self.other))

    def test_a_version_is_parsed_and_checked_once_until_the_aspects_change(self):
        first = self.page(self.office)
        with mock.patch(
            "zhenggai.reviews.analysis.parse_document", side_effect=AssertionError("parsed again")
        ):
            again = self.page(self.office)
            self.assertEqual(again.context["counts"], first.context["counts"])
            self.assertContains(again, f"与“{self.other}”第3段的内容雷同（照搬")
            self.assertContains(again, "ZG801")
            aspect = self.report.meeting.aspects.first()
            aspect.text += "（修订）"
            aspect.save()
            with self.assertRaisesMessage(AssertionError, "parsed again"):
                self.page(self.office)

    def test_a_colleague_s_new_shared_version_makes_them_found_again(self):
        version = self.run_index_job()
        version.refresh_from_db()
        errors_with_the_copied_passage = version.errors
        services.return_report(self.office, self.other, "请结合本人实际重写")
        services.add_version(self.colleague, self.other, services.read_written(report_text("加强学习。")))
        services.submit(self.colleague, self.other)
        page = self.page(self.office)
        self.assertNotContains(page, "ZG802")
        self.assertContains(page, "ZG801")
        self.assertEqual(
            [e["report"] for e in CopyCheck.objects.get(version=version).findings], [self.last.pk]
        )
        # The page stored the counts it found: the copied passage's error is gone from them.
        version.refresh_from_db()
        self.assertEqual(version.errors, errors_with_the_copied_passage - 1)
        self.assertEqual(page.context["counts"]["error"], version.errors)

    def test_nothing_is_found_once_the_colleague_writes_his_own(self):
        self.other.delete()
        page = self.page(self.office)
        self.assertNotContains(page, "ZG802")
