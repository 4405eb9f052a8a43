"""Creating, editing and deleting measures: only the office; deadlines by term; every change audited."""

import datetime

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Progress, Term


class CreateMeasureTestCase(BaseTestCase):
    def url(self):
        return reverse("ledger:measure_create", args=[self.problem.pk])

    def data(self, **over):
        d = {
            "text": "建立学习台账",
            "owner": self.member.pk,
            "unit": self.unit.pk,
            "term": Term.DEADLINE,
            "deadline": (self.today + datetime.timedelta(days=20)).isoformat(),
        }
        d.update(over)
        return d

    def test_it_creates_a_measure(self):
        self.login(self.office)
        r = self.client.post(self.url(), self.data())
        measure = Measure.objects.get(text="建立学习台账")
        self.assertRedirects(r, reverse("ledger:measure", args=[measure.pk]))
        self.assertEqual(
            (measure.owner, measure.unit, measure.organisation), (self.member, self.unit, self.team)
        )
        self.assertEqual(measure.number, 3)
        self.assertTrue(AuditEntry.objects.filter(summary="新增整改措施", object_id=measure.pk).exists())

    def test_a_deadline_term_needs_a_deadline(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data(deadline="")),
            400,
            "限期整改的措施必须填写完成时限",
        )

    def test_an_ongoing_term_needs_no_deadline(self):
        self.login(self.office)
        r = self.client.post(self.url(), self.data(term=Term.ONGOING, deadline=""))
        measure = Measure.objects.get(text="建立学习台账")
        self.assertRedirects(r, reverse("ledger:measure", args=[measure.pk]))
        self.assertEqual((measure.term, measure.deadline), (Term.ONGOING, None))

    def test_it_refuses_an_impossible_date(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data(deadline="2022-02-30")),
            400,
            "完成时限：输入一个有效的日期。",
        )

    def test_it_refuses_on_a_closed_problem(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data()),
            400,
            "该问题已销号，如需修改请先由书记或办公室在问题页面重新打开问题",
        )

    def test_the_member_may_not(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data()), 403, "只有书记或办公室可以新增整改措施"
        )

    def test_the_reviewer_may_not(self):
        self.login(self.reviewer)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data()), 403, "只有书记或办公室可以新增整改措施"
        )

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.post(self.url(), self.data()), 404, "没有找到该问题，或您无权查看"
        )


class EditMeasureTestCase(BaseTestCase):
    def url(self):
        return reverse("ledger:measure_edit", args=[self.measure.pk])

    def test_it_edits_text_and_owner(self):
        self.login(self.office)
        r = self.client.post(
            self.url(),
            {
                "number": 1,
                "text": "每月研读原著三篇",
                "owner": self.colleague.pk,
                "unit": self.unit.pk,
                "term": Term.DEADLINE,
                "deadline": self.measure.deadline.isoformat(),
                "version": self.measure.version,
            },
        )
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.text, self.measure.owner), ("每月研读原著三篇", self.colleague))
        entry = AuditEntry.objects.get(summary="修改整改措施")
        self.assertEqual(entry.before["owner_id"], self.member.pk)
        self.assertEqual(entry.after["owner_id"], self.colleague.pk)

    def test_an_empty_number_keeps_the_current_one(self):
        self.login(self.office)
        form = {
            "number": "",
            "text": "每月研读原著三篇",
            "owner": self.member.pk,
            "unit": self.unit.pk,
            "term": Term.DEADLINE,
            "deadline": self.measure.deadline.isoformat(),
            "version": self.measure.version,
        }
        r = self.client.post(self.url(), form)
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.number, self.measure.text), (1, "每月研读原著三篇"))

    def test_the_owner_may_not_edit_his_measure(self):
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(self.url()), 403, "只有书记或办公室可以修改整改措施")


class DeleteMeasureTestCase(BaseTestCase):
    def test_it_deletes_with_progress_and_files_and_audits_all(self):
        services.post_progress(self.member, self.measure, text="进展", files_=[upload()])
        self.login(self.office)
        url = reverse("ledger:measure_delete", args=[self.measure.pk])
        r = self.client.post(url, {"version": self.version(self.measure)})
        self.assertRedirects(r, reverse("ledger:problem", args=[self.problem.pk]))
        self.assertFalse(Measure.objects.filter(pk=self.measure.pk).exists())
        self.assertFalse(Progress.objects.exists())
        self.assertFalse(Evidence.objects.exists())
        summaries = set(AuditEntry.objects.filter(action="delete").values_list("summary", flat=True))
        self.assertEqual(summaries, {"删除整改措施", "删除整改进展", "删除佐证材料"})
        # The history of a deleted measure stays.
        self.assertTrue(
            AuditEntry.objects.filter(measure_id=self.measure.pk, summary="新增整改措施").exists()
        )

    def test_the_member_may_not(self):
        self.login(self.member)
        url = reverse("ledger:measure_delete", args=[self.measure.pk])
        self.assertRefused(
            lambda: self.client.post(url, {"version": self.measure.version}),
            403,
            "您没有管理“机关党组”整改台账的权限",
        )

    def test_a_problem_with_measures_cannot_be_deleted(self):
        self.login(self.office)
        url = reverse("ledger:problem_delete", args=[self.problem.pk])
        self.assertRefused(
            lambda: self.client.post(url, {"version": self.problem.version}),
            400,
            "该问题还有整改措施，请先删除其整改措施再删除问题",
        )
