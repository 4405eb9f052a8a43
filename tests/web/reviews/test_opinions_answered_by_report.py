"""The meetings' opinions-answered check reads a member's submitted report, never his draft."""

from __future__ import annotations

from zhenggai.meetings.matching import report_of
from zhenggai.reviews.models import ReportState

from .base import ReviewTestCase


class OpinionsAnsweredByReportTestCase(ReviewTestCase):
    def test_it_finds_no_report_before_one_is_submitted(self) -> None:
        self.assertIsNone(report_of(self.meeting, self.member))
        self.report_of(self.member)  # a draft
        self.assertIsNone(report_of(self.meeting, self.member))

    def test_it_reads_the_submitted_report(self) -> None:
        self.report_of(self.member, state=ReportState.SUBMITTED)
        parsed = report_of(self.meeting, self.member)
        assert parsed is not None
        problems = parsed.part("problems")
        assert problems is not None
        self.assertEqual(len(problems.items), 9)
        self.assertIsNone(report_of(self.meeting, self.colleague))
