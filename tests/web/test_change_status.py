"""The status rules of a measure: 已完成 needs proof, 暂不具备整改条件 needs a reason, late stays late."""

import datetime

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Measure, Status


class ChangeStatusTestCase(BaseTestCase):
    def post(self, measure=None, **data):
        measure = measure or self.measure
        data.setdefault("version", self.version(measure))
        return self.client.post(reverse("ledger:measure_status", args=[measure.pk]), data)

    def test_it_moves_to_in_progress(self):
        self.login(self.member)
        r = self.post(status="in_progress")
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.IN_PROGRESS)
        entry = AuditEntry.objects.filter(summary="状态变更").get()
        self.assertEqual((entry.before["status"], entry.after["status"]), ("not_started", "in_progress"))

    def test_it_refuses_done_without_a_completion_note(self):
        services.add_evidence(self.member, self.measure, [upload()])
        self.login(self.member)
        self.assertRefused(lambda: self.post(status="done"), 400, "标记为已完成必须填写完成情况说明")

    def test_it_refuses_done_without_evidence(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.post(status="done", completion_note="已完成"),
            400,
            "标记为已完成必须上传至少一份佐证材料",
        )

    def test_it_accepts_done_with_note_and_evidence(self):
        services.add_evidence(self.member, self.measure, [upload()])
        self.login(self.member)
        r = self.post(status="done", completion_note="制度已印发")
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.status, Status.DONE)
        self.assertEqual(self.measure.completed_on, self.today)
        self.assertFalse(self.measure.finished_late)

    def test_it_refuses_blocked_without_reason(self):
        self.login(self.member)
        review = (self.today + datetime.timedelta(days=30)).isoformat()
        self.assertRefused(
            lambda: self.post(status="blocked", review_date=review), 400, "标记为暂不具备整改条件必须说明原因"
        )

    def test_it_refuses_blocked_without_review_date(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.post(status="blocked", blocked_reason="需上级统一部署"),
            400,
            "标记为暂不具备整改条件必须填写复查日期",
        )

    def test_it_refuses_a_review_date_in_the_past(self):
        self.login(self.member)
        yesterday = (self.today - datetime.timedelta(days=1)).isoformat()
        self.assertRefused(
            lambda: self.post(status="blocked", blocked_reason="需上级统一部署", review_date=yesterday),
            400,
            "复查日期不能早于今天",
        )

    def test_it_accepts_blocked_with_reason_and_review_date(self):
        self.login(self.member)
        review = self.today + datetime.timedelta(days=30)
        r = self.post(status="blocked", blocked_reason="需上级统一部署", review_date=review.isoformat())
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual(
            (self.measure.status, self.measure.blocked_reason, self.measure.review_date),
            (Status.BLOCKED, "需上级统一部署", review),
        )

    def test_it_marks_late_completion_forever(self):
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=3))
        self.measure.refresh_from_db()
        self.finish(self.measure, by=self.member)
        self.assertTrue(self.measure.finished_late)
        # Back to in progress and done again: still late; nothing can clear the mark.
        services.change_status(self.member, self.measure, Status.IN_PROGRESS)
        self.measure.refresh_from_db()
        self.assertTrue(self.measure.finished_late)
        services.change_status(self.member, self.measure, Status.DONE, completion_note="再次完成")
        self.measure.refresh_from_db()
        self.assertTrue(self.measure.finished_late)

    def test_it_does_not_mark_timely_completion_late(self):
        self.finish(self.measure, by=self.member)
        self.assertFalse(self.measure.finished_late)

    def test_it_refuses_an_unknown_status(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.post(status="finished"),
            400,
            "状态：选择一个有效的选项。 finished 不在可用的选项中。",
        )

    def test_it_refuses_the_reviewer(self):
        self.login(self.reviewer)
        self.assertRefused(lambda: self.post(status="in_progress"), 403, "您只能修改本人负责的整改措施")

    def test_it_refuses_a_colleague_through_the_service(self):
        with self.assertRaises(Forbidden):
            services.change_status(self.colleague, self.measure, Status.IN_PROGRESS)

    def test_it_hides_the_measure_from_the_outsider(self):
        self.login(self.outsider)
        self.assertRefused(lambda: self.post(status="in_progress"), 404, "没有找到该整改措施，或您无权查看")

    def test_it_refuses_status_changes_on_a_closed_problem(self):
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        services.close_problem(self.office, self.problem)
        with self.assertRaisesMessage(Refusal, "已销号"):
            services.change_status(self.member, self.measure, Status.IN_PROGRESS)
