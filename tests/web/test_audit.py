"""The audit trail: never editable, shown on each item, searchable by the office only."""

from django.contrib.admin.sites import site
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry


class AuditTrailTestCase(BaseTestCase):
    def test_entries_cannot_be_changed(self):
        entry = AuditEntry.objects.first()
        entry.summary = "篡改"
        with self.assertRaises(PermissionError):
            entry.save()
        with self.assertRaises(PermissionError):
            entry.delete()
        with self.assertRaises(PermissionError):
            AuditEntry.objects.update(summary="篡改")
        with self.assertRaises(PermissionError):
            AuditEntry.objects.all().delete()

    def test_the_database_refuses_changes(self):  # on both databases: see test_audit_guard.py
        from django.db import DatabaseError

        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_auditentry SET summary = 'x'")

    def test_the_admin_is_read_only(self):
        admin = site._registry[AuditEntry]
        request = RequestFactory().get("/")
        request.user = self.secretary
        self.assertFalse(admin.has_change_permission(request))
        self.assertFalse(admin.has_delete_permission(request))
        self.assertFalse(admin.has_add_permission(request))

    def test_every_setup_change_was_audited(self):
        summaries = list(AuditEntry.objects.order_by("id").values_list("summary", "actor_name"))
        self.assertEqual(
            summaries,
            [
                ("新增问题来源", "王书记"),
                ("新增问题", "王书记"),
                ("新增整改措施", "王书记"),
                ("新增整改措施", "王书记"),
            ],
        )

    def test_the_measure_page_shows_its_history(self):
        services.change_status(self.member, self.measure, "in_progress")
        self.login(self.member)
        r = self.client.get(reverse("ledger:measure", args=[self.measure.pk]))
        self.assertContains(r, "<td>张委员</td><td>状态变更</td>")
        self.assertContains(r, "状态：未启动 → 正在推进")

    def test_the_problem_page_shows_its_history(self):
        self.login(self.reviewer)
        r = self.client.get(reverse("ledger:problem", args=[self.problem.pk]))
        self.assertContains(r, "<td>王书记</td><td>新增问题</td>")


class AuditSearchTestCase(BaseTestCase):
    def test_the_office_searches(self):
        services.change_status(self.member, self.measure, "in_progress")
        self.login(self.office)
        r = self.client.get(reverse("ledger:audit"), {"q": "状态变更"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual([e.summary for e in r.context["entries"]], ["状态变更"])
        r = self.client.get(reverse("ledger:audit"), {"q": "张委员"})
        self.assertEqual(len(r.context["entries"]), 1)
        r = self.client.get(reverse("ledger:audit"), {"type": "measure"})
        self.assertEqual(len(r.context["entries"]), 3)

    def test_the_outsider_finds_nothing_of_ours(self):
        self.login(self.outsider)
        r = self.client.get(reverse("ledger:audit"))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["entries"], [])

    def test_members_and_reviewers_may_not_search(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            r = self.assertRefused(
                lambda: self.client.get(reverse("ledger:audit"), {"q": "状态"}),
                403,
                "审计记录只有书记或办公室可以查询",
            )
            self.assertNotContains(r, "新增问题来源", status_code=403)

    def test_a_bad_date_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.get(reverse("ledger:audit"), {"since": "2022-13-01"}),
            400,
            "“起始日期”不是有效日期",
        )
