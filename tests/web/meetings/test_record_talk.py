"""The office records talks; members see their own; the rules refuse what cannot be."""

import datetime

from tests.web.meetings.base import MeetingTestCase
from zhenggai.core.errors import Refusal
from zhenggai.meetings import talks
from zhenggai.meetings.models import Talk


class RecordTalkTestCase(MeetingTestCase):
    def post(self, **data):
        form = {
            "initiator": self.secretary.pk,
            "partner": self.member.pk,
            "date": "2022-01-05",
            "note": "交流了分管工作中的问题。",
        }
        return self.client.post(self.url("talks"), {**form, **data})

    def test_the_office_records_a_talk(self):
        self.login(self.office)
        r = self.post()
        self.assertRedirects(r, self.url("talks"))
        talk = Talk.objects.get()
        self.assertEqual((talk.initiator, talk.partner), (self.secretary, self.member))
        self.assertEqual(talk.date, datetime.date(2022, 1, 5))
        self.assertEqual(talk.created_by, self.office)

    def test_it_refuses_a_talk_with_oneself(self):
        self.login(self.office)
        self.assertRefused(lambda: self.post(partner=self.secretary.pk), 400, "谈话人和谈话对象不能是同一人")

    def test_it_refuses_someone_not_at_the_meeting(self):
        with self.assertRaisesMessage(Refusal, "孙书记不是本次会议的参会人员"):
            talks.record_talk(
                self.office, self.meeting, initiator=self.secretary, partner=self.outsider, date=self.today
            )

    def test_it_refuses_a_long_note(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(note="长" * 501),
            400,
            "简要内容：确保该变量包含不超过 500 字符 (目前字符数 501)。",
        )

    def test_the_office_deletes_a_talk(self):
        talk = talks.record_talk(
            self.office, self.meeting, initiator=self.secretary, partner=self.member, date=self.today
        )
        self.login(self.office)
        self.assertRedirects(self.client.post(self.url("talk_delete", talk.pk)), self.url("talks"))
        self.assertFalse(Talk.objects.exists())

    def test_members_and_reviewers_may_not_record_or_delete(self):
        talk = talks.record_talk(
            self.office, self.meeting, initiator=self.secretary, partner=self.member, date=self.today
        )
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.post(initiator=self.member.pk, partner=self.colleague.pk),
                403,
                "只有本组织的书记或办公室可以登记谈心谈话",
            )
            self.assertRefused(
                lambda: self.client.post(self.url("talk_delete", talk.pk)),
                403,
                "只有本组织的书记或办公室可以进行此项操作",
            )

    def test_a_member_sees_his_own_talks_only(self):
        talks.record_talk(
            self.office,
            self.meeting,
            initiator=self.secretary,
            partner=self.member,
            date=self.today,
            note="谈了学习",
        )
        talks.record_talk(
            self.office,
            self.meeting,
            initiator=self.secretary,
            partner=self.colleague,
            date=self.today,
            note="谈了作风",
        )
        self.login(self.member)
        r = self.client.get(self.url("talks"))
        self.assertContains(r, "谈了学习")
        self.assertNotContains(r, "谈了作风")
        self.assertNotContains(r, "登记谈话")
        self.login(self.reviewer)
        r = self.client.get(self.url("talks"))
        self.assertContains(r, "谈了学习")
        self.assertContains(r, "谈了作风")

    def test_the_outsider_gets_404(self):
        self.login(self.outsider)
        self.assertRefused(self.post, 404, "没有找到该会议，或您无权查看")
