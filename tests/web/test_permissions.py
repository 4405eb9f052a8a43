"""Every page checks who is asking: anonymous → login, the outsider → 404/403, never our data."""

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence


class PermissionsTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        services.add_evidence(self.member, self.measure, [upload()])
        self.item = Evidence.objects.get()
        m, p, s, e = self.measure.pk, self.problem.pk, self.source.pk, self.item.pk
        self.object_gets = [
            reverse("ledger:source", args=[s]),
            reverse("ledger:problem", args=[p]),
            reverse("ledger:problem_edit", args=[p]),
            reverse("ledger:problem_create", args=[s]),
            reverse("ledger:measure", args=[m]),
            reverse("ledger:measure_edit", args=[m]),
            reverse("ledger:measure_create", args=[p]),
            reverse("ledger:evidence", args=[e]),
        ]
        self.object_posts = [
            reverse("ledger:problem_close", args=[p]),
            reverse("ledger:problem_reopen", args=[p]),
            reverse("ledger:problem_delete", args=[p]),
            reverse("ledger:measure_delete", args=[m]),
            reverse("ledger:measure_progress", args=[m]),
            reverse("ledger:measure_status", args=[m]),
            reverse("ledger:measure_extend", args=[m]),
            reverse("ledger:measure_evidence", args=[m]),
            reverse("ledger:evidence_delete", args=[e]),
        ]
        self.pages = [
            reverse(n)
            for n in (
                "ledger:index",
                "ledger:dashboard",
                "ledger:todo",
                "ledger:sources",
                "ledger:audit",
                "orgs:index",
            )
        ]

    def test_anonymous_is_sent_to_login_everywhere(self):
        for url in self.pages + self.object_gets + [reverse("ledger:source_create")]:
            r = self.client.get(url)
            self.assertEqual(r.status_code, 302, url)
            self.assertTrue(r["Location"].startswith(reverse("login")), url)
        for url in self.object_posts:
            self.assertEqual(self.client.post(url).status_code, 302, url)

    def test_the_outsider_gets_404_for_every_object(self):
        self.login(self.outsider)
        for url in self.object_gets:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        before = AuditEntry.objects.count()
        for url in self.object_posts:
            self.assertEqual(self.client.post(url, {"reason": "x", "text": "x"}).status_code, 404, url)
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_the_outsider_sees_none_of_our_data_on_list_pages(self):
        self.login(self.outsider)
        for url in self.pages:
            r = self.client.get(url)
            self.assertIn(r.status_code, (200, 403), url)
            self.assertNotContains(r, "学习计划", status_code=r.status_code)
            self.assertNotContains(r, self.source.title, status_code=r.status_code)
            self.assertNotContains(r, "张委员", status_code=r.status_code)

    def test_the_reviewer_reads_but_cannot_change(self):
        self.login(self.reviewer)
        for url in [
            reverse("ledger:source", args=[self.source.pk]),
            reverse("ledger:problem", args=[self.problem.pk]),
            reverse("ledger:measure", args=[self.measure.pk]),
            reverse("ledger:evidence", args=[self.item.pk]),
        ]:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        before = AuditEntry.objects.count()
        for url in self.object_posts:
            self.assertEqual(self.client.post(url, {"reason": "x", "text": "x"}).status_code, 403, url)
        for url in (reverse("ledger:problem_edit", args=[self.problem.pk]), reverse("ledger:source_create")):
            self.assertEqual(self.client.get(url).status_code, 403, url)
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_the_reviewer_sees_no_change_forms(self):
        self.login(self.reviewer)
        r = self.client.get(reverse("ledger:measure", args=[self.measure.pk]))
        self.assertNotContains(r, "填报整改进展")
        self.assertNotContains(r, "办理延期")

    def test_the_owner_sees_the_progress_form_but_not_extension(self):
        self.login(self.member)
        r = self.client.get(reverse("ledger:measure", args=[self.measure.pk]))
        self.assertContains(r, "填报整改进展")
        self.assertNotContains(r, "办理延期")
