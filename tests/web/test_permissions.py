"""Every page checks who is asking: anonymous → login, the outsider → 404/403, never our data."""

from functools import partial

from django.urls import reverse

from tests.web.base import BaseTestCase, upload
from zhenggai.ledger import services
from zhenggai.ledger.models import Evidence

SOURCE_NOT_FOUND = "没有找到该问题来源，或您无权查看"
PROBLEM_NOT_FOUND = "没有找到该问题，或您无权查看"
MEASURE_NOT_FOUND = "没有找到该整改措施，或您无权查看"
EVIDENCE_NOT_FOUND = "没有找到该佐证材料，或您无权查看"
NOT_MANAGER = "您没有管理“机关党组”整改台账的权限"
NOT_EDITOR = "您无权修改该整改措施"


class PermissionsTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        services.add_evidence(self.member, self.measure, [upload()])
        self.item = Evidence.objects.get()
        m, p, s, e = self.measure.pk, self.problem.pk, self.source.pk, self.item.pk
        # Each page of one of our objects, with what the outsider is told instead of it.
        self.object_gets = {
            reverse("ledger:source", args=[s]): SOURCE_NOT_FOUND,
            reverse("ledger:problem", args=[p]): PROBLEM_NOT_FOUND,
            reverse("ledger:problem_edit", args=[p]): PROBLEM_NOT_FOUND,
            reverse("ledger:problem_create", args=[s]): SOURCE_NOT_FOUND,
            reverse("ledger:measure", args=[m]): MEASURE_NOT_FOUND,
            reverse("ledger:measure_edit", args=[m]): MEASURE_NOT_FOUND,
            reverse("ledger:measure_create", args=[p]): PROBLEM_NOT_FOUND,
            reverse("ledger:evidence", args=[e]): EVIDENCE_NOT_FOUND,
        }
        # Each change of one of our objects, with what the outsider and the reviewer are told.
        self.object_posts = {
            reverse("ledger:problem_close", args=[p]): (PROBLEM_NOT_FOUND, NOT_MANAGER),
            reverse("ledger:problem_reopen", args=[p]): (
                PROBLEM_NOT_FOUND,
                "只有书记或办公室可以重新打开问题",
            ),
            reverse("ledger:problem_delete", args=[p]): (PROBLEM_NOT_FOUND, NOT_MANAGER),
            reverse("ledger:measure_delete", args=[m]): (MEASURE_NOT_FOUND, NOT_MANAGER),
            reverse("ledger:measure_progress", args=[m]): (MEASURE_NOT_FOUND, NOT_EDITOR),
            reverse("ledger:measure_status", args=[m]): (MEASURE_NOT_FOUND, NOT_EDITOR),
            reverse("ledger:measure_extend", args=[m]): (MEASURE_NOT_FOUND, NOT_EDITOR),
            reverse("ledger:measure_evidence", args=[m]): (
                MEASURE_NOT_FOUND,
                "您只能为本人负责的整改措施上传佐证材料",
            ),
            reverse("ledger:evidence_delete", args=[e]): (
                EVIDENCE_NOT_FOUND,
                "您只能删除本人负责的整改措施的佐证材料",
            ),
        }
        # What each change form sends: its text and the version of the page it was on.
        self.form = {"reason": "x", "text": "x", "version": 1}
        # Each list page with its heading.
        self.pages = {
            reverse("ledger:index"): "整改台账",
            reverse("ledger:dashboard"): "整改看板",
            reverse("ledger:todo"): "待办",
            reverse("ledger:sources"): "问题来源",
            reverse("ledger:audit"): "审计记录",
            reverse("orgs:index"): "组织与人员",
        }

    def test_anonymous_is_sent_to_login_everywhere(self):
        for url in [*self.pages, *self.object_gets, reverse("ledger:source_create")]:
            r = self.client.get(url)
            self.assertRedirects(r, f"{reverse('login')}?next={url}", fetch_redirect_response=False)
        with self.assertNothingChanged():
            for url in self.object_posts:
                r = self.client.post(url, self.form)
                self.assertRedirects(r, f"{reverse('login')}?next={url}", fetch_redirect_response=False)

    def test_the_outsider_gets_404_for_every_object(self):
        self.login(self.outsider)
        for url, message in self.object_gets.items():
            self.assertRefused(partial(self.client.get, url), 404, message)
        for url, (not_found, _) in self.object_posts.items():
            self.assertRefused(partial(self.client.post, url, self.form), 404, not_found)

    def test_the_outsider_sees_none_of_our_data_on_list_pages(self):
        self.login(self.outsider)
        for url, heading in self.pages.items():
            r = self.client.get(url)
            self.assertContains(r, f"<h1>{heading}</h1>", html=True)
            self.assertNotContains(r, "学习计划")
            self.assertNotContains(r, self.source.title)
            self.assertNotContains(r, "张委员")

    def test_the_reviewer_reads_but_cannot_change(self):
        self.login(self.reviewer)
        for url, shown in [
            (reverse("ledger:source", args=[self.source.pk]), self.source.title),
            (reverse("ledger:problem", args=[self.problem.pk]), self.problem.description),
            (reverse("ledger:measure", args=[self.measure.pk]), self.measure.text),
        ]:
            self.assertContains(self.client.get(url), shown)
        r = self.client.get(reverse("ledger:evidence", args=[self.item.pk]))
        self.assertEqual(b"".join(r.streaming_content), b"%PDF-1.4 evidence")
        for url, (_, refusal) in self.object_posts.items():
            self.assertRefused(partial(self.client.post, url, self.form), 403, refusal)
        for url, message in (
            (reverse("ledger:problem_edit", args=[self.problem.pk]), "只有书记或办公室可以修改问题"),
            (reverse("ledger:source_create"), "只有书记或办公室可以登记问题来源"),
        ):
            self.assertRefused(partial(self.client.get, url), 403, message)

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
