"""The ledger page: who sees which rows, filters, Chinese search, colours, keyset paging."""

import datetime
from unittest import mock

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger import queries, services
from zhenggai.ledger.models import Measure, SourceKind, Status, Term
from zhenggai.ledger.sources import create_source
from zhenggai.orgs.models import Membership, Role


class LedgerPageTestCase(BaseTestCase):
    def get(self, **params):
        return self.client.get(reverse("ledger:index"), params)

    def ids(self, r):
        return [m.pk for m in r.context["rows"]]

    def test_the_secretary_sees_every_measure_of_his_organisation(self):
        self.login(self.secretary)
        r = self.get()
        self.assertEqual(r.status_code, 200)
        self.assertEqual(self.ids(r), [self.measure.pk, self.colleague_measure.pk])
        self.assertContains(r, "制定个人学习计划")

    def test_the_reviewer_sees_everything_too(self):
        self.login(self.reviewer)
        self.assertEqual(self.ids(self.get()), [self.measure.pk, self.colleague_measure.pk])

    def test_a_member_sees_only_his_own_measures(self):
        self.login(self.member)
        r = self.get()
        self.assertEqual(self.ids(r), [self.measure.pk])
        self.assertNotContains(r, "组织专题研讨")

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        r = self.get()
        self.assertEqual(self.ids(r), [])
        self.assertNotContains(r, "制定个人学习计划")
        self.assertNotContains(r, self.source.title)

    def test_it_requires_login(self):
        r = self.get()
        self.assertRedirects(r, f"{reverse('login')}?next={reverse('ledger:index')}")

    def test_it_searches_chinese_text(self):
        self.login(self.secretary)
        self.assertEqual(self.ids(self.get(q="学习计划")), [self.measure.pk])
        self.assertEqual(self.ids(self.get(q="调研报告")), [self.colleague_measure.pk])
        # Words of the problem find its measures.
        self.assertEqual(len(self.ids(self.get(q="领悟"))), 2)
        self.assertEqual(self.ids(self.get(q="不存在的词语")), [])
        # One character: no bigram, still found by substring.
        self.assertEqual(self.ids(self.get(q="研")), [self.measure.pk, self.colleague_measure.pk])

    def test_it_filters_by_owner_status_term_and_source(self):
        self.login(self.secretary)
        self.assertEqual(self.ids(self.get(owner=self.colleague.pk)), [self.colleague_measure.pk])
        services.change_status(self.member, self.measure, Status.IN_PROGRESS)
        self.assertEqual(self.ids(self.get(status="in_progress")), [self.measure.pk])
        self.assertEqual(self.ids(self.get(term=Term.ONGOING)), [])
        other = create_source(
            self.secretary, kind=SourceKind.INSPECTION, organisation=self.team, inspecting_body="市委巡察组"
        )
        p = services.create_problem(self.secretary, source=other, description="财务管理不规范")
        m = services.create_measure(self.secretary, problem=p, text="修订财务制度", term=Term.IMMEDIATE)
        self.assertEqual(self.ids(self.get(source=other.pk)), [m.pk])
        self.assertEqual(self.ids(self.get(aspect="学习")), [self.measure.pk, self.colleague_measure.pk])

    def test_it_filters_by_organisation_subtree_and_unit(self):
        self.login(self.secretary)
        self.assertEqual(len(self.ids(self.get(organisation=self.city.pk))), 2)
        self.assertEqual(len(self.ids(self.get(organisation=self.team.pk))), 2)
        self.assertEqual(self.ids(self.get(organisation=self.other_team.pk)), [])
        self.assertEqual(len(self.ids(self.get(unit=self.unit.pk))), 2)

    def test_an_organisation_filter_keeps_its_whole_subtree_by_ids_or_by_path(self):
        # A measure of the office below the team: the team's filter keeps it, by the subtree's ids when
        # they are few (queries.SUBTREE_IDS) and by the path when they are more.
        Measure.objects.filter(pk=self.measure.pk).update(organisation=self.unit)
        self.login(self.secretary)
        for cap in (queries.SUBTREE_IDS, 1):
            with self.subTest(cap=cap), mock.patch.object(queries, "SUBTREE_IDS", cap):
                both = sorted([self.measure.pk, self.colleague_measure.pk])
                self.assertEqual(sorted(self.ids(self.get(organisation=self.team.pk))), both)
                self.assertEqual(sorted(self.ids(self.get(organisation=self.city.pk))), both)
                self.assertEqual(self.ids(self.get(organisation=self.unit.pk)), [self.measure.pk])
                self.assertEqual(self.get(organisation=self.unit.pk).context["count"], 1)
                self.assertEqual(self.ids(self.get(organisation=self.other_team.pk)), [])

    def test_it_marks_overdue_red_and_due_soon_yellow(self):
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=1))
        Measure.objects.filter(pk=self.colleague_measure.pk).update(
            deadline=self.today + datetime.timedelta(days=5)
        )
        self.login(self.secretary)
        r = self.get()
        self.assertContains(r, '<tr class="overdue">')
        self.assertContains(r, '<tr class="due-soon">')
        self.assertEqual(self.ids(self.get(overdue="1")), [self.measure.pk])
        self.assertEqual(self.ids(self.get(due_within="10")), [self.colleague_measure.pk])

    @override_settings(DUE_SOON_DAYS=3)
    def test_the_due_soon_threshold_is_configurable(self):
        Measure.objects.filter(pk=self.colleague_measure.pk).update(
            deadline=self.today + datetime.timedelta(days=5)
        )
        self.login(self.secretary)
        self.assertNotContains(self.get(), '<tr class="due-soon">')

    def test_a_done_measure_is_never_overdue(self):
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=1))
        self.finish(self.measure)
        self.login(self.secretary)
        self.assertEqual(self.ids(self.get(overdue="1")), [])

    @override_settings(LEDGER_PAGE_SIZE=2)
    def test_it_pages_by_cursor(self):
        for n in range(3):
            services.create_measure(self.secretary, problem=self.problem, text=f"措施{n}", term=Term.ONGOING)
        self.login(self.secretary)
        first = self.get()
        self.assertEqual(len(first.context["rows"]), 2)
        self.assertEqual(first.context["count"], 5)
        seen = self.ids(first)
        query = first.context["next_query"]
        while query:
            r = self.client.get(reverse("ledger:index") + "?" + query)
            seen += self.ids(r)
            query = r.context["next_query"]
        self.assertEqual(seen, sorted(Measure.objects.values_list("pk", flat=True)))

    @override_settings(LEDGER_PAGE_SIZE=1)
    def test_it_pages_by_deadline_with_empty_deadlines_last(self):
        services.create_measure(self.secretary, problem=self.problem, text="长期", term=Term.ONGOING)
        self.login(self.secretary)
        for sort in ("deadline", "-deadline"):
            seen, query = [], f"sort={sort}"
            while query:
                r = self.client.get(reverse("ledger:index") + "?" + query)
                seen += [m.text for m in r.context["rows"]]
                query = r.context["next_query"]
            expected = ["制定个人学习计划，每月研读原著不少于两篇。", "组织专题研讨，形成调研报告。", "长期"]
            self.assertEqual(seen, expected if sort == "deadline" else expected[::-1])

    def test_it_caps_the_count(self):
        from zhenggai.ledger import queries

        self.assertEqual(queries.capped_count(Measure.objects.all(), cap=1), (1, True))
        self.assertEqual(queries.capped_count(Measure.objects.all(), cap=10), (2, False))

    def test_it_refuses_bad_filters_in_chinese(self):
        self.login(self.secretary)
        self.assertRefused(lambda: self.get(owner="abc"), 400, "“责任人”应为数字，收到“abc”")
        self.assertRefused(lambda: self.get(after="garbage~x"), 400, "翻页参数无效，请从第一页重新开始")
        self.assertRefused(lambda: self.get(status="closed"), 400, "状态无效")
        self.assertRefused(
            lambda: self.get(status="closed", owner="abc"), 400, "“责任人”应为数字，收到“abc”", "状态无效"
        )

    def test_the_filter_boxes_offer_and_keep_the_choice(self):
        self.login(self.secretary)
        r = self.get(organisation=self.team.pk, unit=self.unit.pk, source=self.source.pk)
        self.assertContains(r, f'<option value="{self.team.pk}" selected>', count=1)
        self.assertContains(r, f'<option value="{self.unit.pk}" selected>', count=1)
        self.assertContains(r, f'<option value="{self.source.pk}" selected>{self.source.title}</option>')
        self.assertContains(r, f'<option value="{self.member.pk}">{self.member}</option>')

    def test_the_filter_lists_kept_between_pages_follow_new_rows_and_a_changed_role(self):
        self.login(self.secretary)
        self.get()  # the lists are now kept for the secretary
        with CaptureQueriesContext(connection) as kept:
            self.get()
        lists = [
            q["sql"] for q in kept.captured_queries if "ledger_campaign" in q["sql"] and "MAX" not in q["sql"]
        ]
        self.assertEqual(lists, [])  # not asked again
        newer = create_source(
            self.secretary, kind=SourceKind.DEMOCRATIC_LIFE, organisation=self.team, year=2023
        )
        self.assertContains(self.get(), f'<option value="{newer.pk}">{newer.title}</option>')  # at once
        # The outsider made office of the team: his next page offers the team's sources and people.
        self.login(self.outsider)
        self.assertNotContains(self.get(), f"{self.source.title}</option>")
        Membership.objects.create(user=self.outsider, organisation=self.team, role=Role.OFFICE)
        self.assertContains(self.get(), f'<option value="{self.source.pk}">{self.source.title}</option>')
        # ... and his lists shrink back the moment the role is gone, though no id changed upward.
        Membership.objects.filter(user=self.outsider, organisation=self.team).delete()
        self.assertNotContains(self.get(), f"{self.source.title}</option>")

    def test_the_option_labels_are_escaped(self):
        from zhenggai.ledger.views.options import options

        html = options([(1, "<b>&"), (2, "乙")], 2)
        self.assertEqual(
            html,
            '<option value="">全部</option><option value="1">&lt;b&gt;&amp;</option>'
            '<option value="2" selected>乙</option>',
        )
