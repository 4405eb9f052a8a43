"""Criticisms and unanswered routed opinions into the ledger, each at most once."""

import datetime

from django.urls import reverse

from tests.web.reviews.base import OFFICE_ONLY, ReviewTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Problem
from zhenggai.meetings.models import Opinion, Route
from zhenggai.reviews import into_ledger
from zhenggai.reviews.models import Criticism, OpinionImport, ReportState


class RecordIntoLedgerTestCase(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.criticism = Criticism.objects.create(
            meeting=self.meeting,
            speaker=self.colleague,
            target=self.member,
            text="调研不深入，情况掌握不全面",
            created_by=self.office,
        )
        self.report_of(self.member, state=ReportState.SUBMITTED)
        self.opinion = Opinion.objects.create(
            meeting=self.meeting,
            text="希望多到基层联系点走访，解决小区停车难问题",
            received_on=datetime.date(2022, 1, 5),
            route=Route.MEMBER,
            routed_to=self.member,
        )
        self.url_ = reverse("reviews:record_ledger", args=[self.meeting.pk])

    def form(self):
        rows = into_ledger.record_rows(self.meeting)
        data = {"problems": str(len(rows))}
        for i, row in enumerate(rows):
            data.update(
                {
                    f"p{i}-include": "on",
                    f"p{i}-description": row.description,
                    f"p{i}-aspect": "",
                    f"p{i}-key": row.key,
                }
            )
            data[f"p{i}-measures"] = "1"
            data.update(
                {
                    f"p{i}-m0-include": "on",
                    f"p{i}-m0-text": "制定整改措施" if i == 0 else "",
                    f"p{i}-m0-owner": str(self.member.pk),
                    f"p{i}-m0-term": "deadline",
                    f"p{i}-m0-deadline": "2022-12-31",
                }
            )
        return data

    def test_the_page_lists_the_criticism_and_the_unanswered_opinion(self):
        self.login(self.office)
        r = self.client.get(self.url_)
        self.assertContains(r, "调研不深入，情况掌握不全面")
        self.assertContains(r, "停车难")
        self.assertContains(r, "批评意见：刘委员对张委员")

    def test_confirming_creates_problems_and_marks_them_imported(self):
        self.login(self.office)
        r = self.client.post(self.url_, self.form())
        self.assertRedirects(r, f"/sources/{self.meeting.source.pk}/", fetch_redirect_response=False)
        problems = Problem.objects.filter(source=self.meeting.source).order_by("number")
        self.assertEqual([p.description for p in problems], ["调研不深入，情况掌握不全面", self.opinion.text])
        self.assertEqual(problems[0].measures.get().text, "制定整改措施")
        self.assertFalse(problems[1].measures.exists())
        self.criticism.refresh_from_db()
        self.assertEqual(self.criticism.problem, problems[0])
        self.assertTrue(OpinionImport.objects.filter(opinion=self.opinion, problem=problems[1]).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="problem", summary="新增问题").count(), 3)

    def test_confirming_twice_does_not_duplicate(self):
        self.login(self.office)
        data = self.form()
        self.client.post(self.url_, data)
        self.assertEqual(Problem.objects.filter(source=self.meeting.source).count(), 2)
        self.assertRefused(
            lambda: self.client.post(self.url_, data), 400, "其中的批评意见已录入整改台账，请刷新页面后重试"
        )
        self.assertEqual(into_ledger.record_rows(self.meeting), [])

    def test_a_key_from_another_meeting_is_refused(self):
        self.login(self.office)
        data = self.form()
        data["p0-key"] = "c99999"
        self.assertRefused(
            lambda: self.client.post(self.url_, data), 400, "提交的内容与本次会议不符，请刷新页面后重试"
        )

    def test_only_the_office(self):
        data = self.form()
        for person, message in (
            (self.reviewer, OFFICE_ONLY),
            (self.member, OFFICE_ONLY),
            (self.outsider, "没有找到该会议，或您无权查看"),
        ):
            self.login(person)
            self.assertRefused(lambda: self.client.get(self.url_), 404, message)
            self.assertRefused(lambda: self.client.post(self.url_, data), 404, message)
