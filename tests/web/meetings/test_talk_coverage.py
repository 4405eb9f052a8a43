"""The coverage matrix against hand-made talks: secretary with every member, members with each other."""

import datetime

from tests.web.base import make_person
from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import services, talks
from zhenggai.orgs.models import Role

DAY = datetime.date(2022, 1, 5)


class TalkCoverageTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        self.third = make_person("third", "陈委员", self.team, Role.MEMBER)
        services.update_meeting(
            self.office,
            self.meeting,
            year=2021,
            theme="党史学习教育专题",
            date=None,
            members=[self.secretary, self.member, self.colleague, self.third, self.office],
        )

    def talk(self, a, b, day=DAY):
        return talks.record_talk(self.office, self.meeting, initiator=a, partner=b, date=day)

    def names(self, pairs):
        return [(str(a), str(b)) for a, b in pairs]

    def test_nothing_done_lists_every_required_pair(self):
        cover = talks.coverage(self.meeting)
        self.assertEqual(str(cover.people[0]), "王书记")
        self.assertEqual(cover.required_count, 6)  # 4 people: 4·3/2 pairs; the office is not required
        self.assertEqual(cover.done_count, 0)
        self.assertEqual(
            self.names(cover.missing),
            [
                ("王书记", "刘委员"),
                ("王书记", "张委员"),
                ("王书记", "陈委员"),
                ("刘委员", "张委员"),
                ("刘委员", "陈委员"),
                ("张委员", "陈委员"),
            ],
        )

    def test_a_pair_counts_once_in_either_direction(self):
        self.talk(self.secretary, self.member)
        self.talk(self.member, self.secretary, DAY + datetime.timedelta(days=1))
        self.talk(self.colleague, self.secretary)
        self.talk(self.third, self.member)
        cover = talks.coverage(self.meeting)
        self.assertEqual(cover.done_count, 3)
        self.assertEqual(
            self.names(cover.missing), [("王书记", "陈委员"), ("刘委员", "张委员"), ("刘委员", "陈委员")]
        )
        cell = cover.cell(self.member, self.secretary)
        self.assertEqual(cell.dates, [DAY, DAY + datetime.timedelta(days=1)])
        self.assertIs(cover.cell(self.secretary, self.member), cell)

    def test_everyone_talked(self):
        people = [self.secretary, self.member, self.colleague, self.third]
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                self.talk(b, a)
        cover = talks.coverage(self.meeting)
        self.assertEqual((cover.done_count, cover.missing), (6, []))

    def test_talks_with_a_participant_who_is_not_required_are_shown_not_required(self):
        self.talk(self.office, self.member)
        cover = talks.coverage(self.meeting)
        cell = cover.cell(self.office, self.member)
        self.assertFalse(cell.required)
        self.assertTrue(cell.done)
        self.assertEqual(cover.done_count, 0)

    def test_the_page_marks_done_and_missing(self):
        self.talk(self.secretary, self.member)
        self.login(self.member)
        r = self.client.get(self.url("talks"))
        self.assertContains(r, "应谈 6 对，已谈 1 对")
        self.assertContains(r, '<td class="done"', count=2)
        self.assertContains(r, '<td class="missing">未谈</td>', count=10)
        self.assertContains(r, "刘委员 — 陈委员")

    def test_the_overview_counts_coverage(self):
        self.talk(self.secretary, self.member)
        self.login(self.reviewer)
        r = self.client.get(self.url("detail"))
        self.assertContains(r, "1/6")
