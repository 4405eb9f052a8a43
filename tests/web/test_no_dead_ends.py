"""No dead ends: a page offers only what its reader may do, and a refusal that can still happen says
what to do instead (issue 8, point 8)."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger import services

CLOSED = "该问题已销号，如需修改请先由书记或办公室在问题页面重新打开问题"
CLOSED_STATUS = "该问题已销号，如需修改状态请先由书记或办公室在问题页面重新打开问题"
WRITES = (
    'action="/measures/',
    'id="edit-measure"',
    'id="delete-measure"',
    'class="secondary delete-evidence"',
)


class ClosedProblemTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.close_the_problem()

    def page(self, name, pk):
        return self.client.get(reverse(name, args=[pk])).content.decode()

    def test_the_problem_page_offers_only_reopening_to_the_office(self):
        self.login(self.office)
        html = self.page("ledger:problem", self.problem.pk)
        for absent in ('id="edit-problem"', 'id="add-measure"', 'id="delete-problem"', "/close/"):
            self.assertNotIn(absent, html)
        self.assertIn(f'action="/problems/{self.problem.pk}/reopen/"', html)
        self.assertIn("如需修改，请先在下方“重新打开”", html)

    def test_the_problem_page_tells_a_member_whom_to_ask(self):
        self.login(self.member)
        html = self.page("ledger:problem", self.problem.pk)
        self.assertNotIn("/reopen/", html)
        self.assertIn("如需修改，请联系书记或办公室重新打开", html)

    def test_the_measure_page_offers_nothing_to_change(self):
        for person in (self.office, self.member):
            with self.subTest(person=person.username):
                self.login(person)
                html = self.page("ledger:measure", self.measure.pk)
                for absent in WRITES:
                    self.assertNotIn(absent, html)
                self.assertIn('id="closed-notice"', html)

    def test_a_refused_progress_says_how_to_go_on(self):
        self.login(self.member)
        url = reverse("ledger:measure_progress", args=[self.measure.pk])
        data = {"text": "补充进展", "date": self.today.isoformat(), "version": self.version(self.measure)}
        self.assertRefused(lambda: self.client.post(url, data), 400, CLOSED)

    def test_a_refused_status_says_how_to_go_on(self):
        self.login(self.office)
        url = reverse("ledger:measure_status", args=[self.measure.pk])
        data = {"status": "in_progress", "version": self.version(self.measure)}
        self.assertRefused(lambda: self.client.post(url, data), 400, CLOSED_STATUS)


class OpenProblemTestCase(BaseTestCase):
    def page(self, name, pk):
        return self.client.get(reverse(name, args=[pk])).content.decode()

    def test_closing_is_offered_only_when_every_measure_is_done(self):
        self.login(self.office)
        html = self.page("ledger:problem", self.problem.pk)
        self.assertNotIn("/close/", html)
        self.assertIn("还有2条整改措施未完成", html)
        self.finish(self.measure)
        self.finish(self.colleague_measure)
        self.assertIn(
            f'action="/problems/{self.problem.pk}/close/"', self.page("ledger:problem", self.problem.pk)
        )

    def test_a_member_sees_no_manager_buttons(self):
        self.login(self.member)
        problem = self.page("ledger:problem", self.problem.pk)
        for absent in ('id="edit-problem"', 'id="add-measure"', "/close/", "/reopen/"):
            self.assertNotIn(absent, problem)
        measure = self.page("ledger:measure", self.measure.pk)
        self.assertIn('id="progress-form"', measure)
        for absent in ('id="edit-measure"', 'id="delete-measure"', "/extend/"):
            self.assertNotIn(absent, measure)

    def test_a_reviewer_sees_no_write_buttons(self):
        self.login(self.reviewer)
        for name, pk in (("ledger:problem", self.problem.pk), ("ledger:measure", self.measure.pk)):
            main = self.page(name, pk).split("<main>")[1]  # the header's logout is a form too
            self.assertNotIn('method="post"', main)

    def test_the_number_is_the_same_on_the_ledger_the_breadcrumb_and_the_title(self):
        second = services.create_problem(self.office, source=self.source, description="调查研究不够深入")
        services.create_measure(
            self.office, problem=second, text="每季度开展一次调研", owner=self.member, term="ongoing"
        )
        self.login(self.office)
        ledger = self.client.get(reverse("ledger:index")).content.decode()
        self.assertIn(f'href="/problems/{second.pk}/">问题 {second.number}</a>', ledger)
        problem = self.page("ledger:problem", second.pk)
        self.assertIn(f"<title>问题 {second.number}", problem)
        self.assertIn(f"<h1>问题 {second.number} ", problem)
        measure = self.page("ledger:measure", second.measures.get().pk)
        self.assertIn(f'href="/problems/{second.pk}/">问题 {second.number}</a>', measure)
