"""Recording a source of problems: a meeting (year, theme) or an inspection (body, feedback date)."""

from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Source, SourceKind
from zhenggai.ledger.sources import update_source


class CreateSourceTestCase(BaseTestCase):
    def post(self, **data):
        return self.client.post(reverse("ledger:source_create"), data)

    def test_it_records_an_inspection(self):
        self.login(self.office)
        r = self.post(
            kind=SourceKind.INSPECTION,
            organisation=self.team.pk,
            inspecting_body="市委第一巡察组",
            feedback_date="2021-09-30",
        )
        source = Source.objects.get(kind=SourceKind.INSPECTION)
        self.assertRedirects(r, reverse("ledger:source", args=[source.pk]))
        self.assertEqual(source.title, "市委第一巡察组巡察反馈意见")

    def test_it_records_a_meeting(self):
        self.login(self.office)
        self.post(kind=SourceKind.ORGANISATIONAL_LIFE, organisation=self.unit.pk, year=2022)
        self.assertEqual(Source.objects.get(kind=SourceKind.ORGANISATIONAL_LIFE).title, "2022年度组织生活会")

    def test_a_meeting_needs_a_year(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(kind=SourceKind.DEMOCRATIC_LIFE, organisation=self.team.pk),
            400,
            "会议类问题来源必须填写年度",
        )

    def test_an_inspection_needs_its_body(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(kind=SourceKind.AUDIT, organisation=self.team.pk),
            400,
            "巡视、巡察、审计、督查类问题来源必须填写检查机构",
        )

    def test_not_for_another_organisation(self):
        self.login(self.office)
        self.assertRefused(
            lambda: self.post(
                kind=SourceKind.INSPECTION, organisation=self.other_team.pk, inspecting_body="x"
            ),
            400,
            "组织：选择一个有效的选项： 该选择不在可用的选项中。",
        )

    def test_members_may_not(self):
        self.login(self.member)
        self.assertRefused(
            lambda: self.post(kind=SourceKind.INSPECTION, organisation=self.team.pk, inspecting_body="x"),
            403,
            "只有书记或办公室可以登记问题来源",
        )


class ChangeSourceTestCase(BaseTestCase):
    """update_source (a meeting's edit page goes through it) changes only what a source may change."""

    def test_it_refuses_fields_outside_its_list(self):
        with self.assertServiceRefused("不能修改问题来源的这些字段：created_by、kind、organisation"):
            update_source(
                self.office,
                self.source,
                kind=SourceKind.AUDIT,
                organisation=self.other_team,
                created_by=self.outsider,
            )

    def test_it_changes_a_listed_field_audited_and_versioned(self):
        update_source(self.office, self.source, theme="主题教育")
        self.source.refresh_from_db()
        self.assertEqual((self.source.theme, self.source.version), ("主题教育", 2))
        entry = AuditEntry.objects.get(summary="修改问题来源")
        self.assertEqual((entry.before["theme"], entry.after["theme"]), ("党史学习教育专题", "主题教育"))
