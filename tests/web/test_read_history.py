"""Each history entry reads in Chinese — names, labels, 是/否, 2026年3月1日, local times, no internal names — on
the problem page, the measure page, the audit search page and in the API."""

from __future__ import annotations

import datetime
import re
from unittest import mock

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.web.base import BaseTestCase, make_person, upload
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditAction, AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Status
from zhenggai.orgs.models import Role, User

#: 02:05 UTC is 10:05 in Asia/Shanghai, the configured time zone.
MOMENT = datetime.datetime(2026, 3, 1, 2, 5, tzinfo=datetime.UTC)
INTERNAL = (
    "True",
    "False",
    "None",
    "_id",
    "sha256",
    "stored_name",
    "search_text",
    "organisation_path",
    "+00:00",
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def chinese(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def frozen():
    return mock.patch("django.utils.timezone.now", return_value=MOMENT)


class ReadHistoryTestCase(BaseTestCase):
    def history(self, name: str, pk: int, user: User | None = None) -> str:
        """The history table of a page, as the user (the office by default) reads it."""
        self.login(user or self.office)
        page = self.client.get(reverse(name, args=[pk])).content.decode()
        return re.search(r'<table class="audit">.*?</table>', page, re.S).group(0)

    def changes_of(self, table: str) -> str:
        """Only the before → after column of a history table."""
        return "\n".join(re.findall(r"<pre>(.*?)</pre>", table, re.S))

    def assert_nothing_internal(self, table: str) -> None:
        changes = self.changes_of(table)
        for word in INTERNAL:
            self.assertNotIn(word, changes)
        self.assertIsNone(ISO_DATE.search(changes), changes)

    def test_a_status_change(self):
        services.change_status(self.member, self.measure, Status.IN_PROGRESS)
        table = self.history("ledger:measure", self.measure.pk, self.member)
        self.assertIn("状态变更", table)
        self.assertIn("状态：未启动 → 正在推进", table)
        self.assert_nothing_internal(table)

    def test_finishing_late_reads_yes_and_a_chinese_date(self):
        Measure.objects.filter(pk=self.measure.pk).update(deadline=self.today - datetime.timedelta(days=3))
        self.finish(self.measure, by=self.member)
        table = self.history("ledger:measure", self.measure.pk)
        self.assertIn("逾期完成：否 → 是", table)
        self.assertIn(f"完成日期：— → {chinese(self.today)}", table)
        self.assertIn("完成情况：— → 全部落实", table)
        self.assertIn("状态：未启动 → 已完成", table)
        self.assert_nothing_internal(table)

    def test_an_extension(self):
        old, new = self.measure.deadline, self.measure.deadline + datetime.timedelta(days=31)
        services.extend_deadline(self.office, self.measure, deadline=new, reason="需要协调相关部门")
        table = self.history("ledger:measure", self.measure.pk)
        self.assertIn("延期", table)
        self.assertIn(f"完成时限：{chinese(old)} → {chinese(new)}", table)
        self.assertIn(f"原定时限：— → {chinese(old)}", table)
        self.assertIn("延期原因：— → 需要协调相关部门", table)
        self.assert_nothing_internal(table)

    def test_closing_in_local_time(self):
        for measure in (self.measure, self.colleague_measure):
            self.finish(measure)
        with frozen():
            services.close_problem(self.office, self.problem, note="已全部整改到位")
        table = self.history("ledger:problem", self.problem.pk)
        self.assertIn("销号时间：— → 2026年3月1日 10:05", table)
        self.assertIn("销号人：— → 李主任", table)
        self.assertIn("销号说明：— → 已全部整改到位", table)
        self.assert_nothing_internal(table)
        with override_settings(TIME_ZONE="Asia/Tokyo"):
            self.assertIn("销号时间：— → 2026年3月1日 11:05", self.history("ledger:problem", self.problem.pk))

    def test_an_evidence_upload_hides_the_stored_name_and_checksum(self):
        with frozen():
            services.post_progress(self.member, self.measure, text="已制定学习计划", files_=[upload()])
        item = Evidence.objects.get()
        table = self.history("ledger:measure", self.measure.pk, self.member)
        self.assertIn("上传佐证材料", table)
        self.assertIn("文件名：— → 整改说明.pdf", table)
        self.assertIn("大小：— → 17\xa0字节", table)
        self.assertIn("上传人：— → 张委员", table)
        self.assertIn("上传时间：— → 2026年3月1日 10:05", table)
        self.assertIn("整改措施：— → 制定个人学习计划", table)
        self.assertIn("进展情况：— → 已制定学习计划", table)
        self.assertIn("填报人：— → 张委员", table)
        self.assertIn("2026年3月1日 已制定学习计划", table)  # the progress entry's own name
        for secret in (item.stored_name, item.sha256, "存储文件名", "校验"):
            self.assertNotIn(secret, table)
        self.assert_nothing_internal(table)

    def test_an_owner_change_names_both_people(self):
        services.update_measure(self.office, self.measure, owner=self.colleague)
        table = self.history("ledger:measure", self.measure.pk)
        self.assertIn("责任人：张委员 → 刘委员", table)
        self.assertIn("责任单位：— → 办公室", table)  # the creation, with the unit by name
        self.assert_nothing_internal(table)

    def test_a_person_deleted_since_keeps_his_name(self):
        qian = make_person("qian", "钱委员", self.team, Role.MEMBER)
        services.update_measure(self.office, self.measure, owner=qian)
        services.update_measure(self.office, self.measure, owner=self.member)
        gone = qian.pk
        qian.delete()
        table = self.history("ledger:measure", self.measure.pk)
        self.assertIn("责任人：张委员 → 钱委员", table)
        self.assertIn("责任人：钱委员 → 张委员", table)
        # An entry written before names were kept: the id is all it has.
        ghost = User(pk=gone)
        self.legacy_entry(ghost, self.member)
        table = self.history("ledger:measure", self.measure.pk)
        self.assertIn(f"责任人：已删除的人员（编号 {gone}） → 张委员", table)
        self.assertIn("责任单位：办公室 → 机关党组", table)

    def test_codes_read_as_their_labels(self):
        services.create_measure(
            self.secretary, problem=self.problem, text="立即整改会风会纪。", term="immediate"
        )
        table = self.history("ledger:problem", self.problem.pk)
        self.assertIn("整改时限类型：— → 立行立改", table)
        self.login(self.office)
        r = self.client.get(reverse("ledger:audit"), {"type": "source"})
        self.assertContains(r, "类型：— → 民主生活会")
        self.assertContains(r, "组织：— → 机关党组")
        self.assertContains(r, "登记人：— → 王书记")
        self.assert_nothing_internal(
            re.search(r'<table class="audit">.*?</table>', r.content.decode(), re.S).group(0)
        )

    def test_times_are_local(self):
        services.change_status(self.member, self.measure, Status.IN_PROGRESS)
        entry = AuditEntry.objects.order_by("-id").first()
        local = timezone.localtime(entry.at)
        self.assertIn(
            f"{chinese(local.date())} {local:%H:%M}", self.history("ledger:measure", self.measure.pk)
        )
        self.assertEqual(entry.at_display, f"{chinese(local.date())} {local:%H:%M}")

    def legacy_entry(self, before_owner: User, after_owner: User) -> AuditEntry:
        """An entry as written before entries kept names: ids only."""
        return AuditEntry.objects.create(
            actor=self.office,
            actor_name="李主任",
            action=AuditAction.CHANGE,
            summary="修改整改措施",
            object_type="measure",
            object_id=self.measure.pk,
            object_repr=str(self.measure),
            problem_id=self.problem.pk,
            measure_id=self.measure.pk,
            organisation_path=self.team.path,
            before={"owner_id": before_owner.pk, "unit_id": self.unit.pk},
            after={"owner_id": after_owner.pk, "unit_id": self.team.pk},
        )

    def test_names_are_looked_up_once_for_a_whole_page(self):
        self.login(self.office)

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertContains(self.client.get(reverse("ledger:audit")), "责任人：刘委员 → 张委员")
            return len(captured)

        self.legacy_entry(self.colleague, self.member)
        few = queries()
        for _ in range(10):
            self.legacy_entry(self.colleague, self.member)
        self.assertEqual(queries(), few)


class ReadHistoryApiTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.api = APIClient()

    def as_(self, user: User) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return self.api

    def changes(self, response, summary: str) -> list[dict]:
        entry = next(e for e in response.json()["results"] if e["summary"] == summary)
        return entry["changes"]

    def test_a_measures_history_reads_in_chinese(self):
        services.change_status(self.member, self.measure, Status.IN_PROGRESS)
        old, new = self.measure.deadline, self.measure.deadline + datetime.timedelta(days=31)
        services.extend_deadline(self.office, self.measure, deadline=new, reason="需要协调相关部门")
        services.update_measure(self.office, self.measure, owner=self.colleague)
        r = self.as_(self.office).get(f"/api/ledger/measures/{self.measure.pk}/history/")
        self.assertEqual(r.status_code, 200)
        self.assertIn({"field": "状态", "before": "未启动", "after": "正在推进"}, self.changes(r, "状态变更"))
        self.assertEqual(
            self.changes(r, "延期"),
            [
                {"field": "完成时限", "before": chinese(old), "after": chinese(new)},
                {"field": "原定时限", "before": "—", "after": chinese(old)},
                {"field": "延期原因", "before": "—", "after": "需要协调相关部门"},
            ],
        )
        self.assertIn(
            {"field": "责任人", "before": "张委员", "after": "刘委员"}, self.changes(r, "修改整改措施")
        )
        first = r.json()["results"][0]
        self.assertEqual(
            (first["actor"], first["action"], first["object_type"]), ("李主任", "修改", "整改措施")
        )
        self.assertTrue(first["at"].endswith("+08:00"), first["at"])
        self.assertRegex(first["at_display"], r"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$")
        for word in INTERNAL:
            self.assertNotIn(word, str([e["changes"] for e in r.json()["results"]]))

    def test_a_problems_history_shows_the_closing(self):
        for measure in (self.measure, self.colleague_measure):
            self.finish(measure)
        with frozen():
            services.close_problem(self.office, self.problem, note="已全部整改到位")
        r = self.as_(self.reviewer).get(f"/api/ledger/problems/{self.problem.pk}/history/")
        changes = self.changes(r, "销号")
        self.assertIn({"field": "销号时间", "before": "—", "after": "2026年3月1日 10:05"}, changes)
        self.assertIn({"field": "销号人", "before": "—", "after": "李主任"}, changes)

    def test_an_evidence_upload_in_the_api(self):
        with frozen():
            services.post_progress(self.member, self.measure, text="已制定学习计划", files_=[upload()])
        r = self.as_(self.member).get(f"/api/ledger/measures/{self.measure.pk}/history/")
        changes = self.changes(r, "上传佐证材料")
        self.assertEqual([c["field"] for c in changes], ["整改措施", "文件名", "大小", "上传人", "上传时间"])
        self.assertNotIn(Evidence.objects.get().sha256, str(r.json()))

    def test_a_member_reads_only_what_he_may(self):
        services.change_status(self.colleague, self.colleague_measure, Status.IN_PROGRESS)
        r = self.as_(self.member).get(f"/api/ledger/problems/{self.problem.pk}/history/")
        self.assertEqual(r.status_code, 200)
        measures = {e["object"] for e in r.json()["results"] if e["object_type"] == "整改措施"}
        self.assertEqual(measures, {str(self.measure)})
        r = self.as_(self.member).get(f"/api/ledger/measures/{self.colleague_measure.pk}/history/")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json(), {"detail": "没有找到该整改措施，或您无权查看"})
        r = self.as_(self.outsider).get(f"/api/ledger/problems/{self.problem.pk}/history/")
        self.assertEqual(r.json(), {"detail": "没有找到该问题，或您无权查看"})

    def test_the_schema_describes_the_histories(self):
        self.login(self.office)
        paths = self.client.get("/api/schema/", {"format": "json"}).json()["paths"]
        self.assertIn("/api/ledger/measures/{id}/history/", paths)
        self.assertIn("/api/ledger/problems/{id}/history/", paths)
