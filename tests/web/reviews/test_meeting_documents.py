"""A meeting's 召开情况报告 and the 上年度整改落实情况 drafted from its ledger, from the meeting record
page and the command line; a report as a Word file from its page. Who may have which: as the pages."""

from __future__ import annotations

import contextlib
import datetime
import io
import sys
from unittest import mock

from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.documents.gongwen_checks import PORTRAIT, check_sections
from tests.web.reviews.base import ReviewTestCase
from zhenggai.documents import read_bytes
from zhenggai.meetings.models import Opinion, Route
from zhenggai.meetings.talks import record_talk
from zhenggai.reviews import record, services
from zhenggai.reviews.models import ReportState
from zhenggai.reviews.views.documents import MEETING_REPORT_READERS, OTHERS_DRAFT, TEAM_DRAFT_READERS


def lines_of(data: bytes) -> list[str]:
    return [p.text for p in read_bytes("document.docx", data).paragraphs]


class MeetingDocumentsTestCase(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.last_meeting.members.set([self.secretary, self.member, self.colleague])
        self.report_url = reverse("reviews:meeting_report", args=[self.meeting.pk])
        self.previous_url = reverse("reviews:previous", args=[self.last_meeting.pk])

    def download(self, url: str, **params: str) -> list[str]:
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        check_sections(response.content, [PORTRAIT])
        return lines_of(response.content)

    def test_the_meeting_report_tells_what_was_recorded(self) -> None:
        self.meeting.date = datetime.date(2022, 12, 20)
        self.meeting.theme = "深入学习贯彻党的二十大精神"
        self.meeting.save()
        Opinion.objects.create(
            meeting=self.meeting, text="调研不够", received_on=self.today, route=Route.TEAM
        )
        record_talk(self.office, self.meeting, initiator=self.secretary, partner=self.member, date=self.today)
        self.report_of(self.member, state=ReportState.APPROVED)
        record.add_criticism(
            self.office, self.meeting, target=self.member, speaker=self.colleague, text="学习不够"
        )
        record.save_conclusions(self.office, self.meeting, "会议达到了预期目的。")
        self.login(self.reviewer)
        lines = self.download(self.report_url)
        self.assertEqual(lines[0], f"机关党组关于召开{self.meeting.source.title}情况的报告")
        self.assertTrue(lines[1].startswith("2022年12月20日，机关党组召开"))
        joined = "\n".join(lines)
        for expected in (
            "会议主题是深入学习贯彻党的二十大精神。",
            "共收到1条，其中针对领导班子的1条",
            "班子成员之间开展谈心谈话1次，应谈3对，已谈1对。",
            "班子成员撰写个人对照检查材料1份，经审核通过1份。",
            "参加会议的有王书记、刘委员、张委员，共3人。",
            "共提出批评意见1条，其中对张委员1条。",
            "会议达到了预期目的。",
        ):
            self.assertIn(expected, joined)

    def test_members_may_not_have_the_meeting_report_and_outsiders_learn_nothing(self) -> None:
        self.login(self.member)
        self.assertRefused(lambda: self.client.get(self.report_url), 403, MEETING_REPORT_READERS)
        self.login(self.outsider)
        self.assertRefused(lambda: self.client.get(self.report_url), 404, "没有找到该会议，或您无权查看")

    def test_the_teams_draft_and_each_members_own(self) -> None:
        self.login(self.secretary)
        team = self.download(self.previous_url)
        self.assertEqual(team[1], "一、上年度民主生活会整改落实情况")
        self.assertIn("领导班子共查摆问题1方面1个，制定整改措施2条", team[2])
        mine = self.download(self.previous_url, person="member")
        self.assertEqual(mine[0], f"张委员关于{self.source.title}查摆问题整改落实情况")
        self.assertIn("本人共查摆问题1方面1个，制定整改措施1条", mine[2])
        self.assertIn("尚未完成的措施：制定个人学习计划，每月研读原著不少于两篇（未启动，计划于", mine[-1])
        self.assertNotIn("组织专题研讨", "\n".join(mine))

    def test_a_member_has_his_own_draft_only(self) -> None:
        self.login(self.member)
        self.download(self.previous_url, person="member")
        self.assertRefused(lambda: self.client.get(self.previous_url), 403, TEAM_DRAFT_READERS)
        self.assertRefused(
            lambda: self.client.get(self.previous_url, {"person": "colleague"}), 403, OTHERS_DRAFT
        )
        self.login(self.secretary)
        self.assertRefused(
            lambda: self.client.get(self.previous_url, {"person": "reviewer"}), 404, "没有找到该参会人员"
        )

    def test_the_record_page_offers_what_each_may_have(self) -> None:
        page = reverse("reviews:record", args=[self.last_meeting.pk])
        self.login(self.secretary)
        response = self.client.get(page)
        self.assertContains(response, reverse("reviews:meeting_report", args=[self.last_meeting.pk]))
        self.assertContains(response, f"{self.previous_url}?person=colleague")
        self.login(self.member)
        response = self.client.get(page)
        self.assertNotContains(response, "下载会议召开情况报告")
        self.assertContains(response, f"{self.previous_url}?person=member")
        self.assertNotContains(response, "?person=colleague")

    def test_a_report_as_a_word_file_reads_back_as_the_same_outline(self) -> None:
        text = "张委员对照检查材料\n一、存在的问题\n二、原因剖析\n（一）理论学习方面。学习不够深入。\n三、整改措施\n加强学习。"
        report = self.report_of(self.member, text=text, state=ReportState.SUBMITTED)
        url = reverse("reviews:report_docx", args=[report.pk])
        self.login(self.reviewer)
        self.assertContains(self.client.get(reverse("reviews:report", args=[report.pk])), f"{url}?v=1")
        self.assertEqual(self.download(url), text.split("\n"))
        self.login(self.colleague)
        self.assertRefused(lambda: self.client.get(url), 404, "没有找到该材料，或您无权查看")

    def test_a_new_report_in_the_editor_starts_from_last_years_rectification(self) -> None:
        report = services.report_for(self.member, self.meeting)
        self.login(self.member)
        page = self.client.get(reverse("reviews:write", args=[report.pk]))
        self.assertContains(page, "已根据上一次会议的整改台账起草“上年度整改落实情况”部分")
        text = page.context["form"].initial["text"]
        self.assertTrue(text.startswith("一、上年度民主生活会整改落实情况\n"))
        self.assertIn("本人共查摆问题1方面1个，制定整改措施1条", text)
        self.assertIn("（一）学习\n", text)
        self.report_of(self.member, text="一、存在的问题")
        page = self.client.get(reverse("reviews:write", args=[report.pk]))
        self.assertNotContains(page, "已根据上一次会议的整改台账起草")
        self.assertEqual(page.context["form"].initial["text"], "一、存在的问题")

    def test_render_previous_and_meeting_on_the_command_line(self) -> None:
        target = self.data_dir / "previous.docx"
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err):
            call_command(
                "render", "previous", "--meeting", str(self.last_meeting.pk), "--person", "member",
                "-o", str(target), stdout=out,
            )  # fmt: skip
        self.assertIn("已生成张委员的上年度整改落实情况", out.getvalue())
        self.assertIn("本人共查摆问题1方面1个", "\n".join(lines_of(target.read_bytes())))
        with contextlib.redirect_stderr(err):
            call_command(
                "render", "meeting", "--meeting", str(self.meeting.pk), "-o", str(target), stdout=out
            )
        self.assertIn("提示：会议没有填写召开日期，开头未写日期。", err.getvalue())
        with self.assertRaisesMessage(CommandError, "找不到编号为 999999 的会议。"):
            call_command("render", "meeting", "--meeting", "999999", "-o", "-")
        with self.assertRaisesMessage(CommandError, "的参会人员中没有登录名为 nobody 的人。"):
            call_command(
                "render", "previous", "--meeting", str(self.meeting.pk), "--person", "nobody", "-o", "-"
            )

    def test_dash_writes_the_file_to_standard_output(self) -> None:
        buffer = io.BytesIO()
        stdout = io.TextIOWrapper(buffer)
        with mock.patch.object(sys, "stdout", stdout), contextlib.redirect_stderr(io.StringIO()):
            call_command("render", "meeting", "--meeting", str(self.meeting.pk), "-o", "-")
        self.assertTrue(buffer.getvalue().startswith(b"PK"))
        check_sections(buffer.getvalue(), [PORTRAIT])
