"""Choosing a measure's owner and unit: only active people holding a role other than reviewer in the
measure's organisation or below it, only units within it — on the page, the API, the services the
report and the feedback go through, the bulk insert and the demo.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import BaseTestCase, make_person
from zhenggai.ledger import services
from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.bulk import bulk_create_problems
from zhenggai.ledger.models import Measure, Problem, SourceKind, Term
from zhenggai.ledger.sources import create_source
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Membership, Role
from zhenggai.reviews import into_ledger
from zhenggai.reviews import services as reports

OWNER_RULE = "责任人必须是“机关党组”或其下级组织在职的书记、办公室人员或班子成员"
UNIT_RULE = "责任单位必须是“机关党组”或其下级组织"
NOT_OFFERED = "选择一个有效的选项： 该选择不在可用的选项中。"  # Django's own words for a choice not offered


class OwnerTestCase(BaseTestCase):
    """Beside the named people: 钱干事, a member of the unit below the team (may own the team's
    measures); 周书记, secretary of the city above it (may not: a role above does not count); 吴委员,
    a member of the team who has left (inactive).
    """

    def setUp(self) -> None:
        super().setUp()
        self.clerk = make_person("clerk", "钱干事", self.unit, Role.MEMBER)
        self.city_secretary = make_person("city", "周书记", self.city, Role.SECRETARY)
        self.gone = make_person("gone", "吴委员", self.team, Role.MEMBER)
        self.gone.is_active = False
        self.gone.save()
        # Everyone who may not own a measure of the team, with why.
        self.strangers = {
            "reviewer": self.reviewer,
            "another team": self.outsider,
            "a role above": self.city_secretary,
            "inactive": self.gone,
        }


class EligibleOwnersTestCase(OwnerTestCase):
    def test_the_team_and_its_units_own_reviewers_outsiders_and_people_above_do_not(self):
        self.assertEqual(
            set(eligible_owners(self.team)),
            {self.secretary, self.office, self.member, self.colleague, self.clerk},
        )
        self.assertEqual(set(eligible_owners(self.unit)), {self.clerk})

    def test_a_reviewer_who_is_also_a_member_below_may_own(self):
        Membership.objects.create(user=self.reviewer, organisation=self.unit, role=Role.MEMBER)
        self.assertIn(self.reviewer, eligible_owners(self.team))


class PageOwnerTestCase(OwnerTestCase):
    def form(self, **over):
        data = {
            "text": "建立学习台账",
            "owner": self.clerk.pk,
            "unit": self.unit.pk,
            "term": Term.DEADLINE,
            "deadline": (self.today + datetime.timedelta(days=20)).isoformat(),
        }
        return {**data, **over}

    def test_the_new_measure_page_offers_only_those_who_may_own(self):
        self.login(self.office)
        r = self.client.get(reverse("ledger:measure_create", args=[self.problem.pk]))
        offered = {person.pk for person in r.context["form"].fields["owner"].queryset}
        self.assertEqual(offered, {p.pk for p in eligible_owners(self.team)})
        units = set(r.context["form"].fields["unit"].queryset)
        self.assertEqual(units, {self.team, self.unit})

    def test_creating_refuses_anyone_else(self):
        self.login(self.office)
        url = reverse("ledger:measure_create", args=[self.problem.pk])
        for why, person in self.strangers.items():
            with self.subTest(why):
                self.assertRefused(
                    partial(self.client.post, url, self.form(owner=person.pk)), 400, f"责任人：{NOT_OFFERED}"
                )
        self.assertRefused(
            partial(self.client.post, url, self.form(unit=self.other_team.pk)),
            400,
            f"责任单位：{NOT_OFFERED}",
        )

    def test_a_member_of_a_unit_below_owns_a_measure_of_the_team(self):
        self.login(self.office)
        self.client.post(reverse("ledger:measure_create", args=[self.problem.pk]), self.form())
        self.assertEqual(Measure.objects.get(text="建立学习台账").owner, self.clerk)

    def test_editing_refuses_anyone_else(self):
        self.login(self.office)
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        data = self.form(number=1, text=self.measure.text, deadline=self.measure.deadline.isoformat())
        for why, person in self.strangers.items():
            with self.subTest(why):
                self.assertRefused(
                    partial(self.client.post, url, {**data, "owner": person.pk, "version": 1}),
                    400,
                    f"责任人：{NOT_OFFERED}",
                )

    def test_an_owner_who_left_is_kept_when_something_else_changes(self):
        self.member.is_active = False
        self.member.save()
        self.login(self.office)
        url = reverse("ledger:measure_edit", args=[self.measure.pk])
        r = self.client.get(url)
        self.assertIn(self.member, r.context["form"].fields["owner"].queryset)
        data = self.form(
            number=1,
            text="每月研读原著三篇",
            owner=self.member.pk,
            deadline=self.measure.deadline.isoformat(),
        )
        r = self.client.post(url, {**data, "version": 1})
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure.pk]))
        self.measure.refresh_from_db()
        self.assertEqual((self.measure.text, self.measure.owner), ("每月研读原著三篇", self.member))


class ApiOwnerTestCase(OwnerTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api = APIClient()
        token, _ = Token.objects.get_or_create(user=self.office)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    def test_unknown_elsewhere_and_inactive_ids_answer_alike_and_name_nobody(self):
        ids = {why: person.pk for why, person in self.strangers.items()}
        ids["unknown"] = max(ids.values()) + 100
        payload = {"problem": self.problem.pk, "text": "建立长效机制", "term": "ongoing"}
        url = f"/api/ledger/measures/{self.measure.pk}/"
        for why, pk in ids.items():
            with self.subTest(why):
                r = self.assertRefused(
                    partial(self.api.post, "/api/ledger/measures/", {**payload, "owner": pk}, format="json"),
                    400,
                    OWNER_RULE,
                )
                self.assertRefused(
                    partial(self.api.patch, url, {"owner": pk, "version": 1}, format="json"), 400, OWNER_RULE
                )
                for person in self.strangers.values():
                    self.assertNotIn(str(person), r.content.decode())

    def test_a_unit_outside_is_refused(self):
        url = f"/api/ledger/measures/{self.measure.pk}/"
        self.assertRefused(
            lambda: self.api.patch(url, {"unit": self.other_team.pk, "version": 1}, format="json"),
            400,
            UNIT_RULE,
        )

    def test_the_outsider_is_refused_before_any_owner_is_looked_up(self):
        token, _ = Token.objects.get_or_create(user=self.member)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        payload = {"problem": self.problem.pk, "text": "x", "term": "ongoing", "owner": self.outsider.pk}
        self.assertRefused(
            lambda: self.api.post("/api/ledger/measures/", payload, format="json"),
            403,
            "您没有管理“机关党组”整改台账的权限",
        )

    def test_someone_who_may_own_is_taken(self):
        r = self.api.patch(
            f"/api/ledger/measures/{self.measure.pk}/", {"owner": self.clerk.pk, "version": 1}, format="json"
        )
        self.assertEqual(r.status_code, 200, r.content)
        self.assertEqual(r.json()["owner"], {"id": self.clerk.pk, "name": "钱干事"})


class ServiceOwnerTestCase(OwnerTestCase):
    """The services every other writer goes through (the demo among them)."""

    def test_creating_and_changing_refuse_anyone_else(self):
        for why, person in self.strangers.items():
            with self.subTest(why), self.assertServiceRefused(OWNER_RULE):
                services.create_measure(
                    self.office, problem=self.problem, text="x", term="ongoing", owner=person
                )
            with self.subTest(why), self.assertServiceRefused(OWNER_RULE):
                services.update_measure(self.office, self.measure, owner=person)
        with self.assertServiceRefused(UNIT_RULE):
            services.update_measure(self.office, self.measure, unit=self.other_team)

    def test_report_into_the_ledger_obeys(self):
        report = self.approved_report()
        for why, person in self.strangers.items():
            with self.subTest(why), self.assertServiceRefused(f"第1个问题的第1条措施：{OWNER_RULE}"):
                into_ledger.import_report(self.office, report, [self.row(owner=person)])
        with self.assertServiceRefused(f"第1个问题的第1条措施：{UNIT_RULE}"):
            into_ledger.import_report(self.office, report, [self.row(unit=self.other_team)])

    def test_feedback_into_the_ledger_obeys(self):
        source = create_source(
            self.office, kind=SourceKind.INSPECTION, organisation=self.team, inspecting_body="市委第一巡察组"
        )
        for why, person in self.strangers.items():
            with self.subTest(why), self.assertServiceRefused(f"第1个问题的第1条措施：{OWNER_RULE}"):
                into_ledger.import_feedback(self.office, source, "一是问题。", [self.row(owner=person)])

    def test_the_bulk_insert_obeys(self):
        for why, person in self.strangers.items():
            with self.subTest(why), self.assertServiceRefused(f"第1个问题的第1条措施：{OWNER_RULE}"):
                self.bulk(owner=person)
        with self.assertServiceRefused(f"第1个问题的第1条措施：{UNIT_RULE}"):
            self.bulk(unit=self.other_team)
        # …and the rest of create_problem's and create_measure's rules too.
        with self.assertServiceRefused("第1个问题的第1条措施：限期整改的措施必须填写完成时限"):
            self.bulk(term=Term.DEADLINE)
        with self.assertServiceRefused("第1个问题：问题描述不能为空"):
            self.bulk(description=" ")

    def test_the_bulk_insert_takes_those_who_may_own(self):
        [stored] = self.bulk(owner=self.clerk, unit=self.unit)
        self.assertEqual(stored.measures.get().owner, self.clerk)

    def bulk(self, description="问题", **measure):
        """One new problem with one new measure through the bulk insert."""
        problem = Problem(source=self.source, organisation=self.team, number=9, description=description)
        fields = {"number": 1, "text": "措施", "term": Term.ONGOING, **measure}
        return bulk_create_problems(self.office, [(problem, [Measure(**fields)])])

    def approved_report(self):
        """张委员's report for the team's 2022 meeting, written, submitted and approved."""
        source = create_source(
            self.office, kind=SourceKind.DEMOCRATIC_LIFE, organisation=self.team, year=2022
        )
        meeting = Meeting.objects.create(
            organisation=self.team, kind=SourceKind.DEMOCRATIC_LIFE, year=2022, source=source
        )
        meeting.members.set([self.secretary, self.member, self.colleague])
        report = reports.report_for(self.member, meeting)
        reports.add_version(self.member, report, reports.read_written("一、存在的问题\n（一）学习不够深入。"))
        reports.submit(self.member, report)
        return reports.approve(self.office, report)

    def row(self, **measure):
        return into_ledger.ProblemRow(
            "学习不够深入", measures=[into_ledger.MeasureRow("制定学习计划", term=Term.ONGOING, **measure)]
        )
