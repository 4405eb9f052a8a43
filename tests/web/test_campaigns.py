"""Campaigns (专项整改): created from a source or a ledger selection, work groups whose lead manages the
group's measures on every path, progress meetings whose decisions go through the ledger's services.

Personas (tests/web/base.py): 李主任 the office runs the campaign; 陈组长, a member of the team, leads
the 第一推进组 that drives problem 2; 张委员, a member outside the group, is refused its measures.
"""

from __future__ import annotations

import datetime
import io
from urllib.parse import unquote

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import BaseTestCase, make_person
from zhenggai.documents.ledger_xlsx import COLUMNS
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.exports import export_chunks
from zhenggai.ledger.imports import import_ledger
from zhenggai.ledger.models import Campaign, Decision, Measure, ProgressMeeting, Status, Workgroup
from zhenggai.ledger.services import campaigns
from zhenggai.ledger.versions import stale_message
from zhenggai.orgs.models import Role

#: Positions (1-based) of the exported 推进组 column and of the hidden key column.
_NAMES = [name for _, name, _ in COLUMNS]
GROUP_COLUMN, KEY_COLUMN = _NAMES.index("workgroup") + 1, _NAMES.index("key") + 1

MANAGERS_ONLY = "只有书记或办公室可以管理专项整改"
MEASURE_NOT_FOUND = "没有找到该整改措施，或您无权查看"


class CampaignTestCase(BaseTestCase):
    """The base ledger plus problem 2 (owned by 刘委员) and a campaign over the source with one group."""

    def setUp(self) -> None:
        super().setUp()
        self.lead = make_person("lead", "陈组长", self.team, Role.MEMBER)
        self.problem2 = services.create_problem(
            self.secretary, source=self.source, description="调查研究不够深入。", aspect="作风"
        )
        self.measure2 = services.create_measure(
            self.secretary,
            problem=self.problem2,
            text="每季度到基层调研一次。",
            deadline=self.today + datetime.timedelta(days=20),
            owner=self.colleague,
        )
        self.campaign = campaigns.create_campaign(
            self.office,
            organisation=self.team,
            name="巡察反馈问题专项整改",
            problems=[self.problem, self.problem2],
        )
        self.group = campaigns.create_workgroup(
            self.office,
            self.campaign,
            name="第一推进组",
            lead=self.lead,
            members=[self.colleague],
            problems=[self.problem2],
        )


class CreateCampaignTestCase(CampaignTestCase):
    def test_the_office_creates_one_from_the_source_page(self):
        self.login(self.office)
        page = self.client.get(reverse("ledger:source", args=[self.source.pk]))
        self.assertContains(page, "发起专项整改")
        form = self.client.get(reverse("ledger:campaign_create"), {"source": self.source.pk})
        self.assertContains(form, "问题1：理解领悟")
        self.assertContains(form, 'id="id_problems_1" checked')
        r = self.client.post(
            reverse("ledger:campaign_create"),
            {"source": self.source.pk, "name": "学习专项整改", "problems": [self.problem.pk]},
        )
        made = Campaign.objects.get(name="学习专项整改")
        self.assertRedirects(r, reverse("ledger:campaign", args=[made.pk]))
        self.assertEqual(list(made.problems.all()), [self.problem])
        self.assertEqual(list(made.sources.all()), [self.source])
        entry = AuditEntry.objects.get(summary="新增专项整改", object_id=made.pk)
        self.assertEqual(entry.after["问题"], "问题1")

    def test_the_office_creates_one_from_a_ledger_selection(self):
        self.login(self.office)
        ledger = self.client.get(reverse("ledger:index"))
        self.assertContains(ledger, 'form="campaign-selection"')
        form = self.client.get(reverse("ledger:campaign_create"), {"problem": [self.problem2.pk]})
        self.assertContains(form, "问题2：调查研究")
        self.assertNotContains(form, "问题1：")
        r = self.client.post(
            reverse("ledger:campaign_create"), {"name": "作风专项整改", "problems": [self.problem2.pk]}
        )
        made = Campaign.objects.get(name="作风专项整改")
        self.assertRedirects(r, reverse("ledger:campaign", args=[made.pk]))
        self.assertEqual(made.organisation, self.team)

    def test_a_member_may_not_create_one(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:campaign_create"),
                {"source": self.source.pk, "name": "x", "problems": [self.problem.pk]},
            ),
            403,
            MANAGERS_ONLY,
        )

    def test_the_outsider_cannot_take_problems_he_does_not_manage(self):
        self.login(self.outsider)
        r = self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:campaign_create"), {"name": "x", "problems": [self.problem.pk]}
            ),
            400,
            f"纳入的问题：选择一个有效的选项。 {self.problem.pk} 不在可用的选项中。",
        )
        self.assertEqual(r.status_code, 400)


class WorkgroupTestCase(CampaignTestCase):
    def test_the_office_forms_a_group_and_it_is_audited(self):
        self.login(self.office)
        r = self.client.post(
            reverse("ledger:workgroup_create", args=[self.campaign.pk]),
            {"name": "第二推进组", "lead": self.member.pk, "problems": [self.problem.pk]},
        )
        self.assertRedirects(r, reverse("ledger:campaign", args=[self.campaign.pk]))
        group = Workgroup.objects.get(name="第二推进组")
        self.assertEqual(group.lead, self.member)
        entry = AuditEntry.objects.get(summary="新增推进组", object_id=group.pk)
        self.assertEqual(entry.after["负责的问题"], "问题1")

    def test_a_problem_is_in_one_group_per_campaign(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:workgroup_create", args=[self.campaign.pk]),
                {"name": "第二推进组", "lead": self.member.pk, "problems": [self.problem2.pk]},
            ),
            400,
            "问题2已由推进组“第一推进组”负责，同一专项整改中一个问题只能属于一个推进组",
        )

    def test_people_come_from_the_organisation_tree(self):
        with self.assertServiceRefused(campaigns.people_rule(self.team)):
            campaigns.create_workgroup(self.office, self.campaign, name="外组", lead=self.outsider)
        with self.assertServiceRefused(campaigns.people_rule(self.team)):
            campaigns.create_workgroup(self.office, self.campaign, name="外组", lead=self.reviewer)

    def test_members_may_not_form_a_group(self):
        url = reverse("ledger:workgroup_create", args=[self.campaign.pk])
        data = {"name": "第二推进组", "lead": self.member.pk}
        self.login(self.colleague)  # a member of the group: he sees the campaign
        self.assertRefused(lambda: self.client.post(url, data), 403, MANAGERS_ONLY)
        self.login(self.member)  # outside every group: he does not
        self.assertRefused(lambda: self.client.post(url, data), 404, "没有找到该专项整改，或您无权查看")


class GroupLeadTestCase(CampaignTestCase):
    def test_the_lead_sees_and_moves_his_groups_measures_on_the_page(self):
        self.login(self.lead)
        ledger = self.client.get(reverse("ledger:index"))
        self.assertContains(ledger, "每季度到基层调研一次")
        self.assertNotContains(ledger, "制定个人学习计划")
        r = self.client.post(
            reverse("ledger:measure_status", args=[self.measure2.pk]),
            {"status": "in_progress", "version": self.version(self.measure2)},
        )
        self.assertRedirects(r, reverse("ledger:measure", args=[self.measure2.pk]))
        self.measure2.refresh_from_db()
        self.assertEqual(self.measure2.status, Status.IN_PROGRESS)
        self.assertEqual(AuditEntry.objects.get(summary="状态变更").actor, self.lead)
        self.assertEqual(
            self.client.get(reverse("ledger:campaign", args=[self.campaign.pk])).status_code, 200
        )

    def test_the_lead_posts_progress_through_the_api(self):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=self.lead).key}")
        r = api.post(
            f"/api/ledger/measures/{self.measure2.pk}/progress/",
            {"text": "已到两个基层单位调研", "status": "in_progress", "version": self.version(self.measure2)},
            format="json",
        )
        self.assertEqual(r.status_code, 201, r.content)
        listed = api.get("/api/ledger/measures/").json()["results"]
        self.assertEqual([row["id"] for row in listed], [self.measure2.pk])

    def test_the_lead_may_not_touch_a_measure_outside_his_group(self):
        self.login(self.lead)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:measure_status", args=[self.measure.pk]),
                {"status": "in_progress", "version": self.version(self.measure)},
            ),
            404,
            MEASURE_NOT_FOUND,
        )

    def test_a_member_outside_the_group_is_refused_its_measures(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.client.post(
                reverse("ledger:measure_status", args=[self.measure2.pk]),
                {"status": "in_progress", "version": self.version(self.measure2)},
            ),
            404,
            MEASURE_NOT_FOUND,
        )
        self.assertRefused(
            lambda: self.client.get(reverse("ledger:campaign", args=[self.campaign.pk])),
            404,
            "没有找到该专项整改，或您无权查看",
        )


class CampaignPageTestCase(CampaignTestCase):
    def test_it_shows_the_summary_sentence_and_progress_per_group(self):
        self.finish(self.measure2)
        self.login(self.office)
        r = self.client.get(reverse("ledger:campaign", args=[self.campaign.pk]))
        day = self.today
        self.assertContains(
            r,
            f"截至{day.year}年{day.month}月{day.day}日，共查摆问题2方面2个，已整改到位1个，正在推进1个，"
            "暂不具备整改条件0个；制定整改措施3条，已完成1条。",
        )
        self.assertContains(r, "第一推进组")
        self.assertContains(r, "<td>1/1</td>", html=True)
        self.assertContains(r, "<td>0/2</td>", html=True)

    def test_the_ledger_filters_by_campaign_and_group(self):
        other = campaigns.create_campaign(
            self.office, organisation=self.team, name="另一专项", problems=[self.problem]
        )
        self.login(self.office)
        by_group = self.client.get(
            reverse("ledger:index"), {"campaign": self.campaign.pk, "workgroup": self.group.pk}
        )
        self.assertEqual([m.pk for m in by_group.context["rows"]], [self.measure2.pk])
        by_campaign = self.client.get(reverse("ledger:index"), {"campaign": other.pk})
        self.assertEqual(
            [m.pk for m in by_campaign.context["rows"]], [self.measure.pk, self.colleague_measure.pk]
        )


class MeetingTestCase(CampaignTestCase):
    """CampaignTestCase plus a progress meeting today attended by 李主任 and 陈组长; `post` a decision."""

    def setUp(self) -> None:
        super().setUp()
        self.meeting = campaigns.record_progress_meeting(
            self.office,
            self.campaign,
            date=self.today,
            attendees=[self.office, self.lead],
            minutes="听取汇报",
        )
        self.url = reverse("ledger:decision_create", args=[self.meeting.pk])

    def post(self, **data):
        data.setdefault("measures", [self.measure2.pk])
        for pk in data["measures"]:
            data.setdefault(f"version_{pk}", self.version(Measure.objects.get(pk=pk)))
        return self.client.post(self.url, data)


class DecisionTestCase(MeetingTestCase):
    def test_a_decision_extends_a_deadline_through_the_ledger_service(self):
        old = self.measure2.deadline
        new = old + datetime.timedelta(days=30)
        self.login(self.office)
        r = self.post(text="基层调研推迟至下季度", action="extend", deadline=new.isoformat())
        self.assertRedirects(r, reverse("ledger:progress_meeting", args=[self.meeting.pk]))
        self.measure2.refresh_from_db()
        self.assertEqual((self.measure2.deadline, self.measure2.original_deadline), (new, old))
        self.assertEqual(self.measure2.extension_reason, "基层调研推迟至下季度")
        self.assertEqual(
            list(AuditEntry.objects.order_by("id").values_list("summary", flat=True))[-2:],
            ["推进会议定事项", "延期"],
        )
        page = self.client.get(reverse("ledger:progress_meeting", args=[self.meeting.pk]))
        self.assertContains(page, "基层调研推迟至下季度")

    def test_the_extension_rule_refuses_with_its_own_message_and_nothing_is_written(self):
        self.login(self.office)
        earlier = self.measure2.deadline - datetime.timedelta(days=1)
        self.assertRefused(
            lambda: self.post(text="提前", action="extend", deadline=earlier.isoformat()),
            400,
            f"新的完成时限必须晚于当前时限（{self.measure2.deadline:%Y年%m月%d日}）",
        )

    def test_one_measure_refused_leaves_nothing_of_the_decision(self):
        self.finish(self.measure)
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(
                text="一并延期",
                action="extend",
                deadline=(self.today + datetime.timedelta(days=90)).isoformat(),
                measures=[self.measure2.pk, self.measure.pk],
            ),
            400,
            "已完成的整改措施不能延期",
        )
        self.assertFalse(Decision.objects.exists())

    def test_a_status_decision_keeps_the_status_rules(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(text="视为完成", action="status", status="done", completion_note="已落实"),
            400,
            "标记为已完成必须上传至少一份佐证材料",
        )
        r = self.post(text="开始推进", action="status", status="in_progress")
        self.assertEqual(r.status_code, 302)
        self.measure2.refresh_from_db()
        self.assertEqual(self.measure2.status, Status.IN_PROGRESS)

    def test_a_stale_page_is_refused_naming_who_changed_what(self):
        seen = self.version(self.measure2)
        services.extend_deadline(
            self.office,
            self.measure2,
            deadline=self.measure2.deadline + datetime.timedelta(days=5),
            reason="先延",
        )
        self.login(self.office)
        r = self.assertRefused(
            lambda: self.post(
                text="再延",
                action="extend",
                deadline=(self.today + datetime.timedelta(days=90)).isoformat(),
                **{f"version_{self.measure2.pk}": seen},
            ),
            409,
            self.stale(),
        )
        self.assertEqual(r.status_code, 409)

    def stale(self) -> str:
        measure = Measure.objects.get(pk=self.measure2.pk)
        return stale_message(measure, measure.version - 1)

    def test_a_member_and_the_group_lead_may_not_record_decisions(self):
        for person in (self.member, self.lead):
            with self.subTest(person=person.username):
                self.login(person)
                expected = 403 if person == self.lead else 404
                message = MANAGERS_ONLY if person == self.lead else "没有找到该推进会，或您无权查看"
                self.assertRefused(lambda: self.post(text="x"), expected, message)

    def test_meetings_are_recorded_with_attendees_from_the_tree(self):
        self.login(self.office)
        r = self.client.post(
            reverse("ledger:progress_meeting_create", args=[self.campaign.pk]),
            {
                "date": self.today.isoformat(),
                "attendees": [self.lead.pk, self.colleague.pk],
                "minutes": "第二次",
            },
        )
        made = ProgressMeeting.objects.get(minutes="第二次")
        self.assertRedirects(r, reverse("ledger:progress_meeting", args=[made.pk]))
        self.assertEqual(
            AuditEntry.objects.get(summary="新增推进会", object_id=made.pk).after["参会人员"],
            "刘委员、陈组长",
        )


class ExcelWorkgroupTestCase(CampaignTestCase):
    """The 推进组 column: exported with each problem's group, imported by name within the campaign."""

    def exported(self):
        data = b"".join(export_chunks(Measure.objects.filter(organisation=self.team), "xlsx"))
        return openpyxl.load_workbook(io.BytesIO(data))

    def row_of(self, ws, measure: Measure) -> int:
        return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, KEY_COLUMN).value == measure.pk)

    def reimport(self, wb, **kwargs):
        out = io.BytesIO()
        wb.save(out)
        return import_ledger(self.office, out.getvalue(), "台账.xlsx", organisation=self.team, **kwargs)

    def test_the_export_carries_the_group_and_comes_back_unchanged(self):
        wb = self.exported()
        ws = wb.active
        self.assertEqual(ws.cell(2, GROUP_COLUMN).value, "推进组")
        self.assertEqual(ws.cell(self.row_of(ws, self.measure2), GROUP_COLUMN).value, "第一推进组")
        self.assertIsNone(ws.cell(self.row_of(ws, self.measure), GROUP_COLUMN).value)
        with self.assertNothingChanged():
            report = self.reimport(wb, dry_run=True)
        self.assertTrue(report.ok, [str(e) for e in report.sheet.errors])
        self.assertTrue(self.reimport(wb).stored)  # without a campaign: the same group is no change

    def test_an_import_moves_a_problem_to_a_group_named_in_the_campaign(self):
        second = campaigns.create_workgroup(self.office, self.campaign, name="第二推进组", lead=self.member)
        wb = self.exported()
        wb.active.cell(self.row_of(wb.active, self.measure), GROUP_COLUMN).value = "第二推进组"
        wb.active.cell(self.row_of(wb.active, self.measure2), GROUP_COLUMN).value = "第二推进组"
        report = self.reimport(wb, campaign=self.campaign)
        self.assertTrue(report.stored, [str(e) for e in report.sheet.errors])
        self.assertEqual(
            set(second.problem_links.values_list("problem_id", flat=True)),
            {self.problem.pk, self.problem2.pk},
        )
        moved = AuditEntry.objects.get(summary="调整推进组", problem_id=self.problem2.pk)
        self.assertEqual((moved.before, moved.after), ({"推进组": "第一推进组"}, {"推进组": "第二推进组"}))

    def test_an_unknown_group_is_refused_on_its_row_and_column(self):
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        wb.active.cell(at, GROUP_COLUMN).value = "第九推进组"
        with self.assertNothingChanged():
            report = self.reimport(wb, campaign=self.campaign)
        self.assertEqual(
            [str(e) for e in report.sheet.errors],
            [
                f"第{at}行“推进组”列：专项整改“巡察反馈问题专项整改”中没有名为“第九推进组”的推进组，"
                "请先在专项整改页面成立该推进组，或改正名称。"
            ],
        )

    def test_a_group_named_without_a_campaign_is_refused(self):
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        wb.active.cell(at, GROUP_COLUMN).value = "第一推进组"
        with self.assertNothingChanged():
            report = self.reimport(wb)
        self.assertEqual(
            [str(e) for e in report.sheet.errors],
            [f"第{at}行“推进组”列：推进组“第一推进组”须在专项整改中按名称匹配，请在导入时选择专项整改。"],
        )

    def test_the_import_page_checks_the_group_column_within_the_chosen_campaign(self):
        wb = self.exported()
        at = self.row_of(wb.active, self.measure)
        wb.active.cell(at, GROUP_COLUMN).value = "第一推进组"
        out = io.BytesIO()
        wb.save(out)
        self.login(self.office)
        page = self.client.get(reverse("ledger_io:import"))
        self.assertContains(page, "巡察反馈问题专项整改")

        def check(**extra):
            upload = SimpleUploadedFile("台账.xlsx", out.getvalue())
            data = {"file": upload, "organisation": self.team.pk, **extra}
            return self.client.post(reverse("ledger_io:import"), data)

        refused = check()
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, "请在导入时选择专项整改", status_code=400)
        checked = check(campaign=self.campaign.pk)
        self.assertEqual(checked.status_code, 200)
        self.assertContains(checked, f'name="campaign" value="{self.campaign.pk}"')


class CampaignReportTestCase(CampaignTestCase):
    """The campaign's 整改落实情况报告: every problem of the campaign, the campaign named, numbers counted."""

    def test_the_office_downloads_the_campaigns_report(self):
        import docx

        self.login(self.office)
        page = self.client.get(reverse("ledger:campaign", args=[self.campaign.pk]))
        self.assertContains(page, 'id="campaign-report"')
        answer = self.client.get(reverse("ledger:campaign_report", args=[self.campaign.pk]))
        self.assertEqual(answer.status_code, 200)
        self.assertIn(".docx", answer["Content-Disposition"])
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)
        self.assertIn("机关党组关于巡察反馈问题专项整改整改落实情况的报告", text)
        self.assertIn("纳入“巡察反馈问题专项整改”集中推进，成立整改推进组", text)
        self.assertIn("共纳入问题2方面2个", text)
        self.assertIn("理解领悟还不够深透", text)
        self.assertIn("调查研究不够深入", text)
        self.assertNotIn("XX", text)

    def test_a_group_lead_sees_the_campaign_but_not_its_whole_report(self):
        self.login(self.lead)
        self.assertNotContains(
            self.client.get(reverse("ledger:campaign", args=[self.campaign.pk])), 'id="campaign-report"'
        )
        self.assertRefused(
            lambda: self.client.get(reverse("ledger:campaign_report", args=[self.campaign.pk])),
            403,
            "只有书记、办公室和审核人员可以生成整改落实情况报告",
        )
        self.login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("ledger:campaign_report", args=[self.campaign.pk])).status_code, 404
        )


class MinutesTestCase(MeetingTestCase):
    """The 推进会会议纪要 as Word from the meeting's page: what was recorded, read back."""

    def minutes_text(self) -> str:
        import docx

        answer = self.client.get(reverse("ledger:progress_meeting_minutes", args=[self.meeting.pk]))
        self.assertEqual(answer.status_code, 200)
        self.assertIn("推进会会议纪要", unquote(answer["Content-Disposition"]))
        return "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)

    def test_the_office_downloads_the_minutes_with_the_decisions_applied(self):
        earlier = campaigns.record_progress_meeting(
            self.office,
            self.campaign,
            date=self.today - datetime.timedelta(days=30),
            attendees=[self.office],
        )
        new = self.measure2.deadline + datetime.timedelta(days=30)
        deputy = make_person("deputy", "周书记", self.team, Role.SECRETARY)  # entered last, listed first
        self.meeting.attendees.add(deputy)
        self.login(self.office)
        self.post(text="基层调研推迟至下季度", action="extend", deadline=new.isoformat())
        page = self.client.get(reverse("ledger:progress_meeting", args=[self.meeting.pk]))
        self.assertContains(page, 'id="meeting-minutes"')
        text = self.minutes_text()
        self.assertIn("巡察反馈问题专项整改第二次推进会会议纪要", text)
        self.assertIn(
            "机关党组召开“巡察反馈问题专项整改”第二次推进会，周书记、李主任、陈组长等3人参加会议", text
        )
        self.assertIn("一、会议情况\n听取汇报\n二、议定事项", text)
        self.assertIn(
            f"（一）基层调研推迟至下季度。涉及整改措施1条：问题2措施1“每季度到基层调研一次”（刘委员），"
            f"完成时限延至{new.year}年{new.month}月{new.day}日。",
            text,
        )
        self.assertTrue(text.endswith(f"机关党组\n{self.today.year}年{self.today.month}月{self.today.day}日"))
        self.assertNotIn("X", text)
        self.assertNotEqual(earlier.pk, self.meeting.pk)

    def test_a_group_lead_downloads_what_his_page_shows_and_outsiders_learn_nothing(self):
        self.login(self.lead)
        page = self.client.get(reverse("ledger:progress_meeting", args=[self.meeting.pk]))
        self.assertContains(page, 'id="meeting-minutes"')
        self.assertIn("第一次推进会会议纪要", self.minutes_text())
        self.login(self.outsider)
        self.assertRefused(
            lambda: self.client.get(reverse("ledger:progress_meeting_minutes", args=[self.meeting.pk])),
            404,
            "没有找到该推进会，或您无权查看",
        )

    def test_the_command_line_writes_the_minutes(self):
        import tempfile
        from pathlib import Path

        import docx
        from django.core.management import CommandError, call_command

        out = io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "纪要.docx"
            call_command(
                "render", "minutes", "--progress-meeting", str(self.meeting.pk), "-o", str(target), stdout=out
            )
            text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        self.assertIn("已生成推进会会议纪要", out.getvalue())
        self.assertIn("巡察反馈问题专项整改第一次推进会会议纪要", text)
        with self.assertRaisesMessage(CommandError, "找不到编号为 999999 的推进会。"):
            call_command("render", "minutes", "--progress-meeting", "999999", "-o", "-")
