"""The office creates a meeting: ledger source, previous meeting and participants come with it."""

from django.urls import reverse

from tests.web.base import make_person
from tests.web.meetings.base import MeetingTestCase
from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.ledger.models import Source
from zhenggai.meetings import services
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import Membership, Role


class CreateMeetingTestCase(MeetingTestCase):
    def post(self, **data):
        form = {
            "organisation": self.team.pk,
            "kind": "democratic_life",
            "year": 2022,
            "theme": "主题教育专题",
        }
        return self.client.post(reverse("meetings:create"), {**form, **data})

    def test_it_creates_a_meeting_with_its_ledger_source(self):
        self.login(self.office)
        r = self.post()
        meeting = Meeting.objects.get(year=2022)
        self.assertRedirects(r, reverse("meetings:notice", args=[meeting.pk]))
        self.assertEqual(meeting.source.kind, "democratic_life")
        self.assertEqual(meeting.source.year, 2022)
        self.assertEqual(meeting.source.title, "2022年度主题教育专题民主生活会")
        self.assertEqual(meeting.created_by, self.office)

    def test_it_links_last_years_meeting(self):
        self.login(self.office)
        self.post()
        self.assertEqual(Meeting.objects.get(year=2022).previous_meeting, self.meeting)

    def test_it_relinks_when_an_earlier_year_comes_later(self):
        later = services.create_meeting(
            self.office, organisation=self.team, kind="democratic_life", year=2023
        )
        middle = services.create_meeting(
            self.office, organisation=self.team, kind="democratic_life", year=2022
        )
        later.refresh_from_db()
        self.assertEqual(later.previous_meeting, middle)
        self.assertEqual(middle.previous_meeting, self.meeting)

    def test_it_does_not_link_another_kind(self):
        other = services.create_meeting(
            self.office, organisation=self.team, kind="organisational_life", year=2022
        )
        self.assertIsNone(other.previous_meeting)

    def test_it_reuses_the_ledgers_source_of_the_same_year(self):
        self.assertEqual(self.meeting.source, self.source)
        self.assertEqual(Source.objects.filter(year=2021, organisation=self.team).count(), 1)

    def test_it_takes_the_secretary_and_members_by_default(self):
        self.login(self.office)
        self.post()
        members = set(Meeting.objects.get(year=2022).members.all())
        self.assertEqual(members, {self.secretary, self.member, self.colleague})

    def test_it_refuses_people_of_another_organisation(self):
        with self.assertRaisesMessage(Refusal, "孙书记不是“机关党组”的人员"):
            services.create_meeting(
                self.office,
                organisation=self.team,
                kind="democratic_life",
                year=2022,
                members=[self.outsider],
            )

    def test_it_refuses_an_inspection_kind(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(kind="inspection"),
            400,
            "类型：选择一个有效的选项。 inspection 不在可用的选项中。",
        )

    def test_a_member_may_not_create(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.get(reverse("meetings:create")), 403, "只有书记或办公室可以新建会议"
        )
        self.assertRefused(self.post, 403, "只有书记或办公室可以新建会议")
        with self.assertRaises(Forbidden):
            services.create_meeting(self.member, organisation=self.team, kind="democratic_life", year=2022)

    def test_the_outsider_may_not_create_for_the_team(self):
        self.login(self.outsider)
        # The team is not among his organisations.
        self.assertRefused(self.post, 400, "组织：选择一个有效的选项： 该选择不在可用的选项中。")

    def test_it_leaves_nothing_half_written(self):
        count = Source.objects.count()
        with self.assertRaises(Refusal):
            services.create_meeting(
                self.office,
                organisation=self.team,
                kind="democratic_life",
                year=2030,
                members=[self.outsider],
            )
        self.assertEqual(Source.objects.count(), count)

    def test_a_reviewer_here_is_no_candidate_but_a_reviewer_elsewhere_is(self):
        both = make_person("both", "周委员", self.team, Role.MEMBER)
        Membership.objects.create(user=both, organisation=self.other_team, role=Role.REVIEWER)
        names = {str(u) for u in services.candidates(self.team)}
        self.assertIn("周委员", names)
        self.assertNotIn("赵审核", names)
