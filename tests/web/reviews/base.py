"""The review tests' base: last year's meeting (the base ledger) and this year's, with the seed notice's aspects."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.documents import read_notice_aspects
from zhenggai.ledger.models import SourceKind
from zhenggai.ledger.sources import create_source
from zhenggai.meetings.models import Aspect, Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews import services
from zhenggai.reviews.models import Report, ReportState

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED = (CORPUS / "seed.txt").read_bytes()
#: What the pages that put things into the ledger tell whoever may read but not manage the meeting.
OFFICE_ONLY = "没有找到该页面，或您无权查看"


def seed_upload(name: str = "对照检查材料.txt", content: bytes = SEED) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


class ReviewTestCase(BaseTestCase):
    """Last year (2021): self.source with self.problem, self.measure owned by 张委员 (member).

    This year (2022): self.meeting, members 王书记 (secretary), 张委员 (member), 刘委员 (colleague);
    the reviewer 赵审核 and the office 李主任 do not take part; 孙书记 (outsider) is of another team.
    """

    def setUp(self) -> None:
        super().setUp()
        self.last_meeting = Meeting.objects.create(
            organisation=self.team, kind=SourceKind.DEMOCRATIC_LIFE, year=2021, source=self.source
        )
        source = create_source(
            self.secretary, kind=SourceKind.DEMOCRATIC_LIFE, organisation=self.team, year=2022
        )
        self.meeting = Meeting.objects.create(
            organisation=self.team,
            kind=SourceKind.DEMOCRATIC_LIFE,
            year=2022,
            source=source,
            previous_meeting=self.last_meeting,
        )
        self.meeting.members.set([self.secretary, self.member, self.colleague])
        for n, text in enumerate(read_notice_aspects(CORPUS / "seed-notice.txt")):
            Aspect.objects.create(meeting=self.meeting, position=n, text=text)

    def report_of(self, user: User, *, text: str | None = None, state: str = ReportState.DRAFT) -> Report:
        """`user`'s report with one version (the seed, or `text`), moved to `state` the proper way."""
        report = services.report_for(user, self.meeting)
        document = services.read_written(text) if text is not None else services.read_upload("seed.txt", SEED)
        services.add_version(user, report, document, file_name="" if text else "seed.txt")
        if state != ReportState.DRAFT:
            services.submit(user, report)
        if state == ReportState.RETURNED:
            services.return_report(self.office, report, "请补充上年度整改情况")
        if state == ReportState.APPROVED:
            services.approve(self.office, report)
        report.refresh_from_db()
        return report

    def url(self, name: str, report: Report, *args: object) -> str:
        return reverse(f"reviews:{name}", args=[report.pk, *args])
