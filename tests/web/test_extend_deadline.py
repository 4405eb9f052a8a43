"""延期: the office moves a deadline; the original deadline and the reason are kept."""

import datetime

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.core.errors import Refusal
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class ExtendDeadlineTestCase(BaseTestCase):
    def post(self, days=45, reason="需待上级文件下发"):
        new = self.today + datetime.timedelta(days=days)
        return self.client.post(
            reverse("ledger:measure_extend", args=[self.measure.pk]),
            {"deadline": new.isoformat(), "reason": reason},
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
