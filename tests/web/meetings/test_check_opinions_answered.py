"""The check: every opinion routed to a member is answered by a problem of his report; the office confirms."""

from tests.documents.test_opinions import ON_CARS, ON_MASSES, seed_report
from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import matching, opinions
from zhenggai.meetings.models import MatchDecision


class CheckOpinionsAnsweredTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.masses = self.published(link, text=ON_MASSES.text, about=self.member, aspect=self.aspects[2])
        self.cars = self.published(link, text=ON_CARS.text, about=self.member)
        self.elsewhere = self.published(link, text="对分管单位督促不够。", about=self.colleague)
        for o, who in (
            (self.masses, self.member),
            (self.cars, self.member),
            (self.elsewhere, self.colleague),
        ):
            opinions.sort_opinion(self.office, o, route="member", routed_to=who, aspect=o.aspect)
        report = seed_report()
        previous = matching.set_report_provider(
            lambda meeting, member: report if member == self.member else None
        )
        self.addCleanup(matching.set_report_provider, previous)

    def rows(self):
        return {str(r.member): r for r in matching.member_rows(self.meeting)}

    def test_it_lists_unanswered_opinions_per_member(self):
        rows = self.rows()
        self.assertEqual([r.opinion for r in rows["张委员"].unanswered], [self.cars])
        self.assertFalse(rows["刘委员"].has_report)
        self.assertEqual([r.opinion for r in rows["刘委员"].unanswered], [self.elsewhere])
        self.assertEqual(rows["王书记"].results, [])

    def test_the_office_overrides_a_match(self):
        self.login(self.office)
        r = self.client.get(self.url("unanswered"))
        self.assertContains(r, 'name="decision"', count=3)
        r = self.client.post(
            self.url("opinion_decide", self.cars.pk), {"decision": "answered", "item": "二、（五）作风建设"}
        )
        self.assertRedirects(r, self.url("unanswered") + f"#o-{self.cars.pk}", fetch_redirect_response=False)
        self.cars.refresh_from_db()
        self.assertEqual(
            (self.cars.match_decision, self.cars.matched_item), (MatchDecision.ANSWERED, "二、（五）作风建设")
        )
        self.client.post(self.url("opinion_decide", self.masses.pk), {"decision": "unanswered"})
        self.assertEqual(self.rows()["张委员"].unanswered[0].opinion, self.masses)

    def test_the_page_shows_the_check(self):
        self.login(self.reviewer)
        r = self.client.get(self.url("unanswered"))
        self.assertContains(r, "张委员：2 条意见，未回应 1 条")
        self.assertContains(r, "刘委员：1 条意见，未回应 1 条")
        self.assertContains(r, "尚无对照检查材料")
        self.assertNotContains(r, 'name="decision"')

    def test_members_and_the_outsider_may_not_see_or_decide(self):
        def decide():
            return self.client.post(self.url("opinion_decide", self.masses.pk), {"decision": "answered"})

        self.login(self.member)
        self.assertRefused(
            lambda: self.client.get(self.url("unanswered")),
            403,
            "只有书记、办公室或审核人可以查看意见回应情况",
        )
        self.assertRefused(decide, 403, "只有本组织的书记或办公室可以进行此项操作")
        self.login(self.reviewer)
        self.assertRefused(decide, 403, "只有本组织的书记或办公室可以进行此项操作")
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.get(self.url("unanswered")), 404, "没有找到该会议，或您无权查看"
        )
        self.assertRefused(decide, 404, "没有找到该会议，或您无权查看")

    def test_an_unknown_decision_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(self.url("opinion_decide", self.masses.pk), {"decision": "maybe"}),
            400,
            "比对结果无效",
        )
