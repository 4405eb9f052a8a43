"""The office routes each opinion to a member or the team and tags its aspect; a member sees his own."""

from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import opinions
from zhenggai.meetings.models import Opinion


class SortOpinionsTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        link = opinions.create_link(self.office, self.meeting, expires_on=self.today)
        self.on_member = self.published(link, text="深入基层调研次数偏少。", about=self.member)
        self.on_team = self.published(link, text="班子会议前酝酿不够充分。")
        self.on_colleague = self.published(link, text="分管领域督促检查不够有力。", about=self.colleague)

    def sort(self, opinion, **data):
        prefix = str(opinion.pk)
        form = {f"{prefix}-{k}": v for k, v in {"route": "member", **data}.items()}
        return self.client.post(self.url("opinion_sort", opinion.pk), form)

    def test_it_routes_to_a_member_and_tags_the_aspect(self):
        self.login(self.office)
        r = self.sort(self.on_member, routed_to=self.member.pk, aspect=self.aspects[2].pk, answered="on")
        self.assertRedirects(
            r, self.url("opinions") + f"#o-{self.on_member.pk}", fetch_redirect_response=False
        )
        self.on_member.refresh_from_db()
        self.assertEqual((self.on_member.route, self.on_member.routed_to), ("member", self.member))
        self.assertEqual(self.on_member.aspect, self.aspects[2])
        self.assertTrue(self.on_member.answered)

    def test_it_routes_to_the_team(self):
        self.login(self.secretary)
        self.sort(self.on_team, route="team", routed_to=self.member.pk)
        self.on_team.refresh_from_db()
        self.assertEqual((self.on_team.route, self.on_team.routed_to), ("team", None))

    def test_it_refuses_a_member_without_a_name_or_from_elsewhere(self):
        self.login(self.office)
        back = self.url("opinions") + f"#o-{self.on_member.pk}"
        r = self.assertRefused(lambda: self.sort(self.on_member), 302, "分办给个人时，请选择参会人员")
        self.assertRedirects(r, back, fetch_redirect_response=False)
        r = self.assertRefused(
            lambda: self.sort(self.on_member, routed_to=self.outsider.pk),
            302,
            "分办给：选择一个有效的选项： 该选择不在可用的选项中。",
        )
        self.assertRedirects(r, back, fetch_redirect_response=False)

    def test_a_member_sees_only_the_opinions_routed_to_him(self):
        opinions.sort_opinion(self.office, self.on_member, route="member", routed_to=self.member)
        opinions.sort_opinion(self.office, self.on_colleague, route="member", routed_to=self.colleague)
        self.login(self.member)
        r = self.client.get(self.url("opinions"))
        self.assertContains(r, "深入基层调研次数偏少")
        self.assertNotContains(r, "督促检查不够有力")
        self.assertNotContains(r, "班子会议前酝酿")
        self.assertNotContains(r, "生成新链接")
        # an opinion about him but not yet routed is not his to see
        self.login(self.colleague)
        r = self.client.get(self.url("opinions"))
        self.assertContains(r, "督促检查不够有力")
        self.assertNotContains(r, "深入基层调研次数偏少")

    def test_reviewers_read_all_but_sort_nothing(self):
        self.login(self.reviewer)
        r = self.client.get(self.url("opinions"))
        for o in (self.on_member, self.on_team, self.on_colleague):
            self.assertContains(r, o.text)
        self.assertNotContains(r, "合并所选")
        self.assertRefused(
            lambda: self.sort(self.on_member, routed_to=self.member.pk),
            403,
            "只有本组织的书记或办公室可以进行此项操作",
        )

    def test_a_member_may_not_sort_even_his_own(self):
        opinions.sort_opinion(self.office, self.on_member, route="member", routed_to=self.member)
        self.login(self.member)
        self.assertRefused(
            lambda: self.sort(self.on_member, route="team"), 403, "只有本组织的书记或办公室可以进行此项操作"
        )
        self.assertRefused(
            lambda: self.sort(self.on_colleague, route="team"), 404, "没有找到该意见，或您无权查看"
        )

    def test_the_outsider_gets_404(self):
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.sort(self.on_member, route="team"), 404, "没有找到该会议，或您无权查看"
        )

    def test_the_page_shows_no_sender(self):
        self.login(self.office)
        r = self.client.get(self.url("opinions"))
        self.assertContains(r, "针对：张委员")
        self.assertEqual(Opinion.objects.filter(meeting=self.meeting).count(), 3)
