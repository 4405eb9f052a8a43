"""The meeting record: criticisms each member received, and the team's conclusions."""

from django.urls import reverse

from tests.web.reviews.base import ReviewTestCase
from zhenggai.reviews.models import Criticism, Record


class MeetingRecordTestCase(ReviewTestCase):
    def url_of(self, name, *args):
        return reverse(f"reviews:{name}", args=[self.meeting.pk, *args])

    def criticise(self, speaker, target, text="联系群众不够，下基层调研次数偏少"):
        return self.client.post(
            self.url_of("criticism_add"), {"speaker": speaker.pk, "target": target.pk, "text": text}
        )

    def test_the_office_records_a_criticism(self):
        self.login(self.office)
        self.assertRedirects(self.criticise(self.colleague, self.member), self.url_of("record"))
        c = Criticism.objects.get()
        self.assertEqual((c.speaker, c.target, c.created_by), (self.colleague, self.member, self.office))
        r = self.client.get(self.url_of("record"))
        self.assertContains(r, "联系群众不够，下基层调研次数偏少")
        self.assertContains(r, "刘委员")

    def test_people_outside_the_meeting_cannot_be_recorded(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.criticise(self.reviewer, self.member),
            400,
            "提出人：选择一个有效的选项： 该选择不在可用的选项中。",
        )

    def test_nobody_criticises_himself_here(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.criticise(self.member, self.member),
            400,
            "提出人和被批评人不能是同一人（自我批评请写在本人的对照检查材料中）",
        )

    def test_a_member_sees_only_what_was_said_of_him(self):
        Criticism.objects.create(
            meeting=self.meeting,
            speaker=self.colleague,
            target=self.member,
            text="甲的批评",
            created_by=self.office,
        )
        Criticism.objects.create(
            meeting=self.meeting,
            speaker=self.member,
            target=self.colleague,
            text="乙的批评",
            created_by=self.office,
        )
        self.login(self.member)
        r = self.client.get(self.url_of("record"))
        self.assertContains(r, "甲的批评")
        self.assertNotContains(r, "乙的批评")
        self.assertNotContains(r, "记录批评意见")

    def test_members_and_reviewers_cannot_record(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.criticise(self.colleague, self.member), 403, "只有书记或办公室可以记录会议情况"
            )

    def test_the_office_writes_the_conclusions(self):
        self.login(self.secretary)
        r = self.client.post(self.url_of("conclusions"), {"conclusions": "会议达到了预期目的。"})
        self.assertRedirects(r, self.url_of("record"))
        self.assertEqual(Record.objects.get().conclusions, "会议达到了预期目的。")
        self.login(self.member)
        self.assertContains(self.client.get(self.url_of("record")), "会议达到了预期目的。")
        self.assertRefused(
            lambda: self.client.post(self.url_of("conclusions"), {"conclusions": "改"}),
            403,
            "只有书记或办公室可以记录会议情况",
        )

    def test_a_criticism_can_be_deleted_until_it_is_in_the_ledger(self):
        c = Criticism.objects.create(
            meeting=self.meeting,
            speaker=self.colleague,
            target=self.member,
            text="批评",
            created_by=self.office,
        )
        self.login(self.office)
        self.assertRedirects(self.client.post(self.url_of("criticism_delete", c.pk)), self.url_of("record"))
        self.assertFalse(Criticism.objects.exists())

    def test_the_outsider_sees_nothing(self):
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.get(self.url_of("record")), 404, "没有找到该会议，或您无权查看"
        )
        self.assertRefused(
            lambda: self.criticise(self.colleague, self.member), 404, "没有找到该会议，或您无权查看"
        )
