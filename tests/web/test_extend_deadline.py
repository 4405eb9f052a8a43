"""延期: the office moves a deadline; the original deadline and the reason are kept."""

import datetime

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class ExtendDeadlineTestCase(BaseTestCase):
    def post(self, days=45, reason="需待上级文件下发"):
        new = self.today + datetime.timedelta(days=days)
        return self.client.post(
            reverse("ledger:measure_extend", args=[self.measure.pk]),
            {"deadline": new.isoformat(), "reason": reason, "version": self.version(self.measure)},
        )

    def test_it_extends_and_keeps_the_original_deadline(self):
        original = self.measure.deadline
        self.login(self.office)
        r = self.post()
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.deadline, self.today + datetime.timedelta(days=45))
        self.assertEqual(self.measure.original_deadline, original)
        self.assertTrue(self.measure.is_extended)
        self.assertEqual(self.measure.extension_reason, "需待上级文件下发")
        entry = AuditEntry.objects.get(summary="延期")
        self.assertEqual(entry.before["deadline"], original.isoformat())

    def test_a_second_extension_keeps_the_first_deadline(self):
        original = self.measure.deadline
        services.extend_deadline(
            self.office, self.measure, deadline=original + datetime.timedelta(days=10), reason="一"
        )
        services.extend_deadline(
            self.office, self.measure, deadline=original + datetime.timedelta(days=20), reason="二"
        )
        self.measure.refresh_from_db()
        self.assertEqual(self.measure.original_deadline, original)
        self.assertEqual(self.measure.extension_reason, "二")

    def test_it_requires_a_reason(self):
        self.login(self.office)
        self.assertRefused(lambda: self.post(reason=""), 400, "延期原因：该字段是必填项。")

    def test_it_requires_a_later_deadline(self):
        self.login(self.office)
        d = self.measure.deadline
        self.assertRefused(
            lambda: self.post(days=10), 400, f"新的完成时限必须晚于当前时限（{d.year}年{d.month}月{d.day}日）"
        )

    def test_the_member_may_not_extend_his_own_deadline(self):
        self.login(self.member)
        self.assertRefused(self.post, 403, "您没有管理“机关党组”整改台账的权限")

    def test_the_reviewer_may_not_extend(self):
        self.login(self.reviewer)
        self.assertRefused(self.post, 403, "您没有管理“机关党组”整改台账的权限")

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(self.post, 404, "没有找到该整改措施，或您无权查看")

    def test_a_done_measure_cannot_be_extended(self):
        self.finish(self.measure)
        with self.assertRaisesMessage(Refusal, "已完成的整改措施不能延期"):
            services.extend_deadline(
                self.office, self.measure, deadline=self.today + datetime.timedelta(days=90), reason="x"
            )

    def test_editing_cannot_move_the_deadline_silently(self):
        with self.assertRaisesMessage(Refusal, "请办理延期"):
            services.update_measure(
                self.office, self.measure, deadline=self.today + datetime.timedelta(days=90)
            )


class LateStaysLateTestCase(BaseTestCase):
    """An extension granted after the deadline passed does not make the measure on time."""

    def setUp(self):
        super().setUp()
        self.missed = self.today - datetime.timedelta(days=5)
        self.overdue = services.create_measure(
            self.secretary,
            problem=self.problem,
            text="修订学习制度",
            deadline=self.missed,
            owner=self.member,
            unit=self.unit,
        )

    def extend(self, measure):
        self.login(self.office)
        return self.client.post(
            reverse("ledger:measure_extend", args=[measure.pk]),
            {
                "deadline": (self.today + datetime.timedelta(days=30)).isoformat(),
                "reason": "需待上级文件下发",
                "version": self.version(measure),
            },
        )

    def finish_on_the_page(self, measure):
        self.login(self.member)
        return self.client.post(
            reverse("ledger:measure_progress", args=[measure.pk]),
            {
                "date": self.today.isoformat(),
                "text": "已完成",
                "status": "done",
                "completion_note": "制度已印发",
                "files": [upload()],
                "version": self.version(measure),
            },
        )

    def test_an_extension_after_the_deadline_keeps_the_measure_late(self):
        self.extend(self.overdue)
        self.overdue.refresh_from_db()
        self.assertEqual(self.overdue.missed_deadline, self.missed)
        self.assertFalse(self.overdue.is_overdue(self.today))  # the new deadline is in force
        r = self.client.get(reverse("ledger:measure", args=[self.overdue.pk]))
        self.assertContains(r, "延期前已逾期")
        self.finish_on_the_page(self.overdue)
        self.overdue.refresh_from_db()
        self.assertEqual((self.overdue.status, self.overdue.finished_late), ("done", True))

    def test_so_it_is_through_the_api(self):
        from rest_framework.authtoken.models import Token
        from rest_framework.test import APIClient

        self.extend(self.overdue)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=self.member).key}")
        r = api.post(
            f"/api/ledger/measures/{self.overdue.pk}/progress/",
            {
                "text": "已完成",
                "status": "done",
                "completion_note": "制度已印发",
                "files": [upload()],
                "version": self.version(self.overdue),
            },
            format="multipart",
        )
        self.assertEqual(r.status_code, 201, r.content)
        self.overdue.refresh_from_db()
        self.assertTrue(self.overdue.finished_late)

    def test_a_later_extension_keeps_the_first_deadline_missed(self):
        services.extend_deadline(self.office, self.overdue, deadline=self.today, reason="一")
        services.extend_deadline(
            self.office, self.overdue, deadline=self.today + datetime.timedelta(days=9), reason="二"
        )
        self.overdue.refresh_from_db()
        self.assertEqual(self.overdue.missed_deadline, self.missed)

    def test_an_extension_in_time_leaves_it_on_time(self):
        self.extend(self.measure)
        self.measure.refresh_from_db()
        self.assertIsNone(self.measure.missed_deadline)
        self.finish_on_the_page(self.measure)
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.status, self.measure.finished_late), ("done", False))
