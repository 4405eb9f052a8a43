"""Changing and deleting campaigns, work groups and progress meetings (专项整改 / 推进组 / 推进会).

Personas (tests/web/base.py, test_campaigns.py): 李主任 the office runs the campaign; 陈组长 leads the
第一推进组 (problem 2) and may not change the campaign; 孙书记 of another team learns nothing. A decision
that extended a deadline is never silently undone: its meeting, and its campaign, are not deleted.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.web.test_campaigns import MANAGERS_ONLY, CampaignTestCase, MeetingTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Campaign, Decision, Measure, ProgressMeeting, Workgroup
from zhenggai.ledger.services import campaigns

APPLIED = (
    "{what}的议定事项已对整改措施作出延期或变更状态（“基层调研推迟至下季度”），删除会使这些变更失去依据，"
    "不能删除；如需更正，请在相应整改措施上办理延期或变更状态"
)


class CampaignChangeTestCase(CampaignTestCase):
    def test_the_office_renames_it_and_takes_a_problem_out_audited(self):
        self.login(self.office)
        url = reverse("ledger:campaign_edit", args=[self.campaign.pk])
        self.assertContains(self.client.get(reverse("ledger:campaign", args=[self.campaign.pk])), url)
        page = self.client.get(url)
        self.assertContains(page, 'value="巡察反馈问题专项整改"')
        r = self.client.post(url, {"name": "作风问题专项整改", "problems": [self.problem2.pk]})
        self.assertRedirects(r, reverse("ledger:campaign", args=[self.campaign.pk]))
        self.campaign.refresh_from_db()
        self.assertEqual(self.campaign.name, "作风问题专项整改")
        self.assertEqual(list(self.campaign.problems.all()), [self.problem2])
        entry = AuditEntry.objects.get(summary="修改专项整改", object_id=self.campaign.pk)
        self.assertEqual((entry.before["问题"], entry.after["问题"]), ("问题1、问题2", "问题2"))
        self.assertEqual(entry.after["name"], "作风问题专项整改")

    def test_a_problem_a_group_drives_is_not_taken_out_behind_its_back(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:campaign_edit", args=[self.campaign.pk]),
                {"name": "巡察反馈问题专项整改", "problems": [self.problem.pk]},
            ),
            400,
            "问题2由推进组“第一推进组”负责，请先在该推进组中移除该问题，再将其移出专项整改",
        )

    def test_an_empty_name_is_refused(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:campaign_edit", args=[self.campaign.pk]),
                {"name": "  ", "problems": [self.problem.pk, self.problem2.pk]},
            ),
            400,
            "专项整改名称：该字段是必填项。",
        )

    def test_deleting_it_leaves_the_ledger_and_is_audited(self):
        campaigns.record_progress_meeting(
            self.office, self.campaign, date=self.today, attendees=[self.lead], minutes="听取汇报"
        )
        self.login(self.office)
        r = self.client.post(reverse("ledger:campaign_delete", args=[self.campaign.pk]))
        self.assertRedirects(r, reverse("ledger:campaigns"))
        self.assertFalse(Campaign.objects.exists())
        self.assertFalse(Workgroup.objects.exists() or ProgressMeeting.objects.exists())
        self.assertEqual(Measure.objects.count(), 3)
        entry = AuditEntry.objects.get(summary="删除专项整改", object_id=self.campaign.pk)
        self.assertEqual((entry.before["推进组"], entry.after), ("第一推进组", None))
        self.assertIn("推进会", entry.before["推进会"])

    def test_the_group_lead_is_refused_and_outsiders_learn_nothing(self):
        for person, status, message in (
            (self.lead, 403, MANAGERS_ONLY),
            (self.outsider, 404, "没有找到该专项整改，或您无权查看"),
        ):
            with self.subTest(person=person.username):
                self.login(person)
                self.assertRefused(
                    lambda: self.client.post(
                        reverse("ledger:campaign_edit", args=[self.campaign.pk]),
                        {"name": "改名", "problems": [self.problem.pk, self.problem2.pk]},
                    ),
                    status,
                    message,
                )
                self.assertRefused(
                    lambda: self.client.post(reverse("ledger:campaign_delete", args=[self.campaign.pk])),
                    status,
                    message,
                )


class WorkgroupChangeTestCase(CampaignTestCase):
    def test_the_office_changes_lead_members_and_problems_audited(self):
        self.login(self.office)
        url = reverse("ledger:workgroup_edit", args=[self.group.pk])
        self.assertContains(self.client.get(reverse("ledger:campaign", args=[self.campaign.pk])), url)
        r = self.client.post(
            url,
            {
                "name": "学习推进组",
                "lead": self.member.pk,
                "members": [self.lead.pk],
                "problems": [self.problem.pk],
            },
        )
        self.assertRedirects(r, reverse("ledger:campaign", args=[self.campaign.pk]))
        self.group.refresh_from_db()
        self.assertEqual((self.group.name, self.group.lead), ("学习推进组", self.member))
        self.assertEqual(list(self.group.members.all()), [self.lead])
        self.assertEqual(list(self.group.problem_links.values_list("problem", flat=True)), [self.problem.pk])
        entry = AuditEntry.objects.get(summary="修改推进组", object_id=self.group.pk)
        self.assertEqual((entry.before["负责的问题"], entry.after["负责的问题"]), ("问题2", "问题1"))
        self.assertEqual((entry.before["成员"], entry.after["成员"]), ("刘委员", "陈组长"))

    def test_a_problem_another_group_drives_or_someone_outside_the_tree_is_refused(self):
        other = campaigns.create_workgroup(
            self.office, self.campaign, name="第二推进组", lead=self.member, problems=[self.problem]
        )
        self.login(self.office)
        url = reverse("ledger:workgroup_edit", args=[other.pk])
        for data, message in (
            (
                {
                    "name": "第二推进组",
                    "lead": self.member.pk,
                    "problems": [self.problem.pk, self.problem2.pk],
                },
                "问题2已由推进组“第一推进组”负责，同一专项整改中一个问题只能属于一个推进组",
            ),
            ({"name": "第一推进组", "lead": self.member.pk}, "该专项整改已有名为“第一推进组”的推进组"),
            (
                {"name": "第二推进组", "lead": self.outsider.pk},
                "组长：选择一个有效的选项： 该选择不在可用的选项中。",
            ),
        ):
            with self.subTest(message=message):
                self.assertRefused(lambda data=data: self.client.post(url, data), 400, message)

    def test_deleting_a_group_leaves_its_problems_in_the_campaign(self):
        self.login(self.office)
        r = self.client.post(reverse("ledger:workgroup_delete", args=[self.group.pk]))
        self.assertRedirects(r, reverse("ledger:campaign", args=[self.campaign.pk]))
        self.assertFalse(Workgroup.objects.exists())
        self.assertEqual(set(self.campaign.problems.all()), {self.problem, self.problem2})
        entry = AuditEntry.objects.get(summary="删除推进组", object_id=self.group.pk)
        self.assertEqual(entry.before["负责的问题"], "问题2")
        page = self.client.get(reverse("ledger:campaign", args=[self.campaign.pk]))
        self.assertContains(page, "尚未成立推进组")

    def test_the_lead_may_not_change_or_delete_his_own_group(self):
        self.login(self.lead)
        url = reverse("ledger:workgroup_edit", args=[self.group.pk])
        self.assertRefused(lambda: self.client.get(url), 403, MANAGERS_ONLY)
        self.assertRefused(
            lambda: self.client.post(reverse("ledger:workgroup_delete", args=[self.group.pk])),
            403,
            MANAGERS_ONLY,
        )
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(url), 404, "没有找到该推进组，或您无权查看")


class ProgressMeetingChangeTestCase(MeetingTestCase):
    def extend(self) -> Measure:
        new = self.measure2.deadline + datetime.timedelta(days=30)
        campaigns.record_decision(
            self.office,
            self.meeting,
            text="基层调研推迟至下季度",
            measures=[self.measure2],
            action="extend",
            deadline=new,
        )
        return Measure.objects.get(pk=self.measure2.pk)

    def test_the_office_corrects_date_attendees_and_minutes_and_the_decisions_stay(self):
        extended = self.extend()
        self.login(self.office)
        url = reverse("ledger:progress_meeting_edit", args=[self.meeting.pk])
        self.assertContains(self.client.get(reverse("ledger:progress_meeting", args=[self.meeting.pk])), url)
        day = self.today - datetime.timedelta(days=2)
        r = self.client.post(
            url, {"date": day.isoformat(), "attendees": [self.lead.pk], "minutes": "听取各组汇报"}
        )
        self.assertRedirects(r, reverse("ledger:progress_meeting", args=[self.meeting.pk]))
        self.meeting.refresh_from_db()
        self.assertEqual((self.meeting.date, self.meeting.minutes), (day, "听取各组汇报"))
        self.assertEqual(list(self.meeting.attendees.all()), [self.lead])
        self.assertEqual(Decision.objects.get().meeting, self.meeting)
        self.assertEqual(Measure.objects.get(pk=self.measure2.pk).deadline, extended.deadline)
        entry = AuditEntry.objects.get(summary="修改推进会", object_id=self.meeting.pk)
        self.assertEqual((entry.before["参会人员"], entry.after["参会人员"]), ("李主任、陈组长", "陈组长"))

    def test_a_meeting_without_attendees_is_refused(self):
        self.login(self.office)
        url = reverse("ledger:progress_meeting_edit", args=[self.meeting.pk])
        self.assertRefused(
            lambda: self.client.post(url, {"date": self.today.isoformat(), "minutes": "x"}),
            400,
            "参会人员：该字段是必填项。",
        )

    def test_a_meeting_whose_decision_extended_a_deadline_is_not_deleted(self):
        extended = self.extend()
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(reverse("ledger:progress_meeting_delete", args=[self.meeting.pk])),
            400,
            APPLIED.format(what="该推进会"),
        )
        self.assertRefused(
            lambda: self.client.post(reverse("ledger:campaign_delete", args=[self.campaign.pk])),
            400,
            APPLIED.format(what="该专项整改的推进会"),
        )
        self.assertEqual(Measure.objects.get(pk=self.measure2.pk).deadline, extended.deadline)

    def test_a_meeting_whose_decisions_only_recorded_is_deleted_with_them(self):
        campaigns.record_decision(self.office, self.meeting, text="各组每月报送进展", measures=[])
        self.login(self.office)
        r = self.client.post(reverse("ledger:progress_meeting_delete", args=[self.meeting.pk]))
        self.assertRedirects(r, reverse("ledger:campaign", args=[self.campaign.pk]))
        self.assertFalse(ProgressMeeting.objects.exists() or Decision.objects.exists())
        entry = AuditEntry.objects.get(summary="删除推进会", object_id=self.meeting.pk)
        self.assertEqual(entry.before["议定事项"], "各组每月报送进展")

    def test_the_group_lead_may_not_change_or_delete_a_meeting(self):
        self.login(self.lead)
        for name in ("ledger:progress_meeting_edit", "ledger:progress_meeting_delete"):
            with self.subTest(name=name):
                self.assertRefused(
                    lambda name=name: self.client.post(reverse(name, args=[self.meeting.pk]), {}),
                    403,
                    MANAGERS_ONLY,
                )
