"""The office edits year, theme, date and participants; the ledger source follows."""

import datetime

from django.test import Client
from django.utils import timezone

from tests.web.meetings.base import MeetingTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.meetings import services


class EditMeetingTestCase(MeetingTestCase):
    def post(self, **data):
        form = {
            "year": 2021,
            "theme": "党史学习教育专题",
            "date": "2022-01-20",
            "members": [self.secretary.pk, self.member.pk],
            "version": self.version(self.meeting),
        }
        return self.client.post(self.url("edit"), {**form, **data})

    def test_it_saves_date_and_participants(self):
        self.login(self.office)
        r = self.post()
        self.assertRedirects(r, self.url("detail"))
        meeting = self.fresh()
        self.assertEqual(meeting.date, datetime.date(2022, 1, 20))
        self.assertEqual(set(meeting.members.all()), {self.secretary, self.member})

    def test_the_source_follows_year_and_theme(self):
        self.login(self.office)
        self.post(year=2020, theme="")
        self.source.refresh_from_db()
        self.assertEqual((self.source.year, self.source.theme), (2020, ""))
        self.assertEqual(self.source.title, "2020年度民主生活会")

    def test_a_new_year_relinks_the_previous_meeting(self):
        later = services.create_meeting(
            self.office, organisation=self.team, kind="democratic_life", year=2023
        )
        self.assertEqual(later.previous_meeting, self.meeting)
        self.login(self.office)
        self.post(year=2024)
        later.refresh_from_db()
        self.assertIsNone(later.previous_meeting)
        self.assertEqual(self.fresh().previous_meeting, later)

    def test_it_refuses_a_participant_from_elsewhere(self):
        self.login(self.office)
        # Django's own message for the field: it names the person by his id, not his name.
        self.assertRefused(
            lambda: self.post(members=[self.secretary.pk, self.outsider.pk]),
            400,
            f"参会人员：选择一个有效的选项。 {self.outsider.pk} 不在可用的选项中。",
        )

    def test_members_and_reviewers_may_not_edit(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.client.get(self.url("edit")), 403, "只有本组织的书记或办公室可以修改会议"
            )
            self.assertRefused(lambda: self.post(theme="改了"), 403, "只有本组织的书记或办公室可以修改会议")

    def test_it_refuses_to_leave_no_participant(self):
        self.login(self.office)
        self.assertRefused(lambda: self.post(members=[]), 400, "请至少选择一名参会人员")

    def test_the_second_of_two_saves_at_once_is_refused_with_who_changed_what(self):
        other = Client()
        other.force_login(self.secretary)
        self.login(self.office)
        self.client.get(self.url("edit"))
        other.get(self.url("edit"))
        first = {"year": 2021, "theme": "党史学习教育专题", "date": "2022-01-20", "version": 1}
        self.client.post(self.url("edit"), {**first, "members": [self.secretary.pk, self.member.pk]})
        entry = AuditEntry.objects.get(object_type="meeting", summary="修改会议")
        at = timezone.localtime(entry.at)
        r = self.assertRefused(
            lambda: other.post(
                self.url("edit"),
                {**first, "theme": "主题教育", "members": [self.secretary.pk, self.colleague.pk]},
            ),
            409,
            f"李主任 已于 {at:%H:%M} 修改了“召开日期、参会人员”，请查看最新内容后重新保存",
        )
        self.assertContains(r, 'value="主题教育"', status_code=409)
        self.assertContains(r, 'name="version" value="2"', status_code=409)
        meeting = self.fresh()
        self.assertEqual(
            (meeting.theme, set(meeting.members.all())), ("党史学习教育专题", {self.secretary, self.member})
        )
        self.assertEqual(
            (entry.before["members"], entry.after["members"]),
            (
                sorted([self.secretary.pk, self.member.pk, self.colleague.pk]),
                sorted([self.secretary.pk, self.member.pk]),
            ),
        )
        # Saved again as shown: his theme and participants on top of 李主任's date.
        shown = r.context["form"]
        again = {name: shown[name].value() for name in shown.fields}
        self.assertEqual(other.post(self.url("edit"), {**again, "version": 2}).status_code, 302)
        meeting = self.fresh()
        self.assertEqual(
            (meeting.theme, meeting.date.isoformat(), set(meeting.members.all())),
            ("主题教育", "2022-01-20", {self.secretary, self.colleague}),
        )
