"""The seed report checked against records made to agree and to disagree with it: its part (八)
says 张委员 "能够以普通党员身份参加支部组织生活", its part (九) that he "严格做到了" his pledges."""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.web.reviews.base import SEED, ReviewTestCase
from zhenggai.documents import parse_document
from zhenggai.documents.model import Paragraph
from zhenggai.documents.record_claims import attendance_claims, kept_claims
from zhenggai.orgs.models import Organisation
from zhenggai.records import commitments, dual_life
from zhenggai.records.checks import record_findings
from zhenggai.records.models import Presence
from zhenggai.reviews.services import read_upload


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, n) for n, text in enumerate(texts, 1)]


def test_what_a_report_claims_about_attendance_and_pledges():
    said = attendance_claims(
        paragraphs(
            "本人全年参加所在支部组织生活10次，每次都按时参加。",
            "本人能够以普通党员身份参加支部组织生活。",
            "要积极参加基层党组织生活。",  # a plan claims nothing
            "（八）参加双重组织生活情况。",  # a heading neither
        )
    )
    assert [(c.line, c.times, c.full) for c in said] == [(1, 10, True), (2, None, False)]
    kept = kept_claims(paragraphs("本人严格做到了不违规收送礼品礼金的承诺。", "本人未能完全兑现承诺。"))
    assert [k.line for k in kept] == [1]


class ReportAgainstRecordsTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.seed = parse_document(read_upload("seed.txt", SEED))
        self.branch = Organisation.objects.create(name="机关第一党支部", parent=self.unit)
        self.year = self.meeting.year

    def findings(self):
        return record_findings(self.member, self.year, self.seed.paragraphs)

    def attend(self, presence: str, day: int = 1) -> None:
        dual_life.record_meeting(
            self.office,
            self.branch,
            kind="theme_day",
            date=datetime.date(self.year, 3, day),
            topic=f"主题党日{day}",
            attendance=[
                dual_life.Present(self.member, presence, "出差" if presence == Presence.ABSENT else "")
            ],
        )

    def test_no_records_no_findings(self):
        self.assertEqual(self.findings(), [])

    def test_records_that_agree_give_no_finding(self):
        dual_life.set_branch(self.office, self.member, self.branch)
        self.attend(Presence.PRESENT)
        commitments.make_commitment(
            self.office,
            self.member,
            self.team,
            text="不违规收送礼品礼金",
            made_on=datetime.date(self.year, 1, 5),
        )
        self.assertEqual(self.findings(), [])

    def test_attendance_claimed_without_any_recorded(self):
        dual_life.set_branch(self.office, self.member, self.branch)
        self.attend(Presence.ABSENT)
        [finding] = self.findings()
        self.assertEqual((finding.code, finding.line), ("ZG954", 18))
        self.assertIn("能够以普通党员身份参加支部组织生活", finding.excerpt)
        self.assertEqual(
            finding.message,
            f"文中称“{finding.excerpt}”，但记录显示{self.year}年参加所在党支部组织生活0次（其中发言0次），"
            "缺席1次，要求不少于12次，请核对",
        )

    def test_a_pledge_declared_kept_while_a_matter_is_open_on_the_report_page(self):
        pledge = commitments.make_commitment(
            self.office,
            self.member,
            self.team,
            text="不违规收送礼品礼金",
            made_on=datetime.date(self.year, 1, 5),
        )
        commitments.record_matter(
            self.office, pledge, found_on=datetime.date(self.year, 6, 1), description="收受下属购物卡"
        )
        [finding] = self.findings()
        self.assertEqual((finding.code, finding.line), ("ZG955", 19))
        self.assertIn("严格做到了", finding.excerpt)
        self.assertIn("收受下属购物卡", finding.message)
        report = self.report_of(self.member)
        self.login(self.member)
        page = self.client.get(reverse("reviews:report", args=[report.pk]))
        self.assertContains(page, "公开承诺“不违规收送礼品礼金”有违诺问题尚在整改：收受下属购物卡")
