"""The check: every opinion routed to a member is answered by a problem of his report; the office confirms."""

from importlib.resources import as_file, files

from django.test import SimpleTestCase

from tests.web.meetings.base import MeetingTestCase
from zhenggai.documents import parse_file, read_text
from zhenggai.documents.report import parse_document
from zhenggai.meetings import matching, opinions
from zhenggai.meetings.models import MatchDecision
from zhenggai.meetings.opinion_matching import OpinionText, match_report, problem_items, same_aspect
from zhenggai.reviews.provider import submitted_report


def seed_report():
    with as_file(files("zhenggai.examples") / "seed.txt") as path:
        return parse_file(path)


ON_MASSES = OpinionText(
    "masses", "联系群众不够经常，深入基层调研偏少，代表作用发挥不充分。", "带头践行以人民为中心的发展思想"
)
ON_STYLE = OpinionText("style", "精简会议文件不够，形式主义官僚主义问题仍然存在。")
ON_CARS = OpinionText("cars", "公务用车管理混乱，车辆私用情况时有发生。")


class OpinionMatchingTestCase(SimpleTestCase):
    def test_it_reads_the_problem_items_of_a_report(self):
        items = problem_items(seed_report())
        self.assertTrue(any(i.text.startswith("理解领悟还不够深透") for i in items))
        self.assertTrue(any("人大代表联系群众作用发挥得还不好" in i.text for i in items))
        self.assertFalse(any("努力方向" in i.text for i in items))

    def test_it_matches_by_shared_key_words(self):
        result = {m.key: m for m in match_report([ON_MASSES, ON_STYLE, ON_CARS], seed_report())}
        self.assertTrue(result["masses"].answered)
        self.assertIn("联系群众", result["masses"].item.text)
        self.assertTrue(result["style"].answered)
        self.assertIn("形式主义", result["style"].item.text)
        self.assertFalse(result["cars"].answered)

    def test_the_aspect_tips_a_close_call(self):
        report = parse_document(
            read_text(
                "二、存在的主要问题\n（一）在为民服务方面：一是调研不够深入。\n（二）在作风建设方面：一是会风文风不实。"
            )
        )
        plain = OpinionText("a", "下去调研的时候走马观花，不够深入细致。")
        tagged = OpinionText("a", plain.text, "在为民服务方面")
        self.assertGreater(match_report([tagged], report)[0].score, match_report([plain], report)[0].score)
        self.assertTrue(match_report([tagged], report)[0].answered)

    def test_same_aspect_tolerates_wording(self):
        self.assertTrue(
            same_aspect(
                "带头践行以人民为中心的发展思想", "（三）在带头践行以人民为中心的发展思想，尊重群众意愿方面"
            )
        )
        self.assertFalse(same_aspect("带头践行以人民为中心的发展思想", "带头深刻汲取党史中正反两方面经验"))
        self.assertFalse(same_aspect(None, "任何方面"))

    def test_a_report_without_problems_answers_nothing(self):
        report = parse_document(read_text("一、基本情况\n今年工作很好。"))
        self.assertEqual([m.answered for m in match_report([ON_MASSES], report)], [False])


class CheckOpinionsAnsweredTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.masses = opinions.submit_opinion(
            link, text=ON_MASSES.text, about=self.member, aspect=self.aspects[2]
        )
        self.cars = opinions.submit_opinion(link, text=ON_CARS.text, about=self.member)
        self.elsewhere = opinions.submit_opinion(link, text="对分管单位督促不够。", about=self.colleague)
        for o, who in (
            (self.masses, self.member),
            (self.cars, self.member),
            (self.elsewhere, self.colleague),
        ):
            opinions.sort_opinion(self.office, o, route="member", routed_to=who, aspect=o.aspect)
        report = seed_report()
        matching.set_report_provider(lambda meeting, member: report if member == self.member else None)
        # Give the reviews app its provider back: later tests read the submitted reports through it.
        self.addCleanup(matching.set_report_provider, submitted_report)

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
