"""`zhenggai demo` loads the seed report's meeting and a 巡察 once; a second run changes nothing."""

import datetime
import io
import json
import re
import tempfile

from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import TestCase, override_settings
from django.utils import timezone

from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Problem, Source, Status
from zhenggai.ledger.queries import overdue_q
from zhenggai.meetings.models import Meeting
from zhenggai.orgs.models import User
from zhenggai.reviews.models import Record, Report, ReportState


class DemoTestCase(TestCase):
    def run_demo(self):
        out = io.StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    def test_it_loads_once(self):
        import tempfile

        fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        with tempfile.TemporaryDirectory() as tmp, override_settings(EVIDENCE_DIR=tmp, PASSWORD_HASHERS=fast):
            out = self.run_demo()
            self.assertIn("演示数据已载入", out)
            self.assertIn("wangshuji", out)
            counts = (
                Source.objects.count(),
                Problem.objects.count(),
                Measure.objects.count(),
                AuditEntry.objects.count(),
            )
            out = self.run_demo()
            self.assertIn("未重复载入", out)
            self.assertEqual(
                counts,
                (
                    Source.objects.count(),
                    Problem.objects.count(),
                    Measure.objects.count(),
                    AuditEntry.objects.count(),
                ),
            )
        meeting = Source.objects.get(year=2021)
        # The seed report: 6 aspects with 16 enumerated problems.
        self.assertEqual(meeting.problems.count(), 16)
        self.assertEqual(meeting.problems.values("aspect").distinct().count(), 6)
        self.assertTrue(Source.objects.filter(kind="inspection").exists())
        statuses = set(Measure.objects.values_list("status", flat=True))
        self.assertEqual(statuses, {Status.DONE, Status.IN_PROGRESS, Status.BLOCKED, Status.NOT_STARTED})
        self.assertTrue(Evidence.objects.exists())
        self.assertTrue(Measure.objects.filter(original_deadline__isnull=False).exists())
        self.assertTrue(Problem.objects.filter(closed_at__isnull=False).exists())
        self.assertTrue(Measure.objects.filter(overdue_q(timezone.localdate())).exists())
        self.assertEqual(User.objects.filter(username="sunshuji").count(), 1)

    def test_the_demo_keeps_the_ledgers_rules(self):
        import tempfile

        fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        with tempfile.TemporaryDirectory() as tmp, override_settings(EVIDENCE_DIR=tmp, PASSWORD_HASHERS=fast):
            self.run_demo()
        for measure in Measure.objects.select_related("organisation", "unit", "owner"):
            # Owners and units within the measure's organisation, as the services allow.
            self.assertIn(measure.owner, eligible_owners(measure.organisation))
            self.assertTrue(measure.unit.is_within(measure.organisation))
        # Its extensions granted after the deadline had passed keep that deadline: late stays late.
        extended = Measure.objects.filter(original_deadline__isnull=False)
        self.assertTrue(extended.exists())
        for measure in extended:
            self.assertEqual(measure.missed_deadline, measure.original_deadline)


PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9+/=$_])X{1,4}(?![A-Za-z0-9+/=$_])")


class DemoStoryTestCase(TestCase):
    """The demo tells the whole story of a 2021 meeting and contradicts itself nowhere (issue 8, point 10)."""

    @classmethod
    def setUpTestData(cls):
        fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        cls.tmp = tempfile.mkdtemp()
        with override_settings(EVIDENCE_DIR=cls.tmp, PASSWORD_HASHERS=fast):
            call_command("demo", stdout=io.StringIO())

    def test_every_report_state_and_the_record(self):
        meeting = Meeting.objects.get(year=2021)
        states = dict(Report.objects.values_list("author__username", "state"))
        self.assertEqual(
            states,
            {
                "wangshuji": ReportState.APPROVED,
                "zhangwei": ReportState.SUBMITTED,
                "liuyang": ReportState.RETURNED,
            },
        )
        approved = Report.objects.get(author__username="wangshuji")
        self.assertIsNotNone(approved.imported_version_id)  # taken into the ledger
        returned = Report.objects.get(author__username="liuyang")
        self.assertEqual(returned.comments.count(), 2)
        self.assertTrue(meeting.criticisms.exists())
        self.assertIn("会议认为", Record.objects.get(meeting=meeting).conclusions)

    def test_the_inspection_is_a_campaign_with_two_groups_and_its_progress_meetings(self):
        from zhenggai.ledger.models import Campaign, Decision

        campaign = Campaign.objects.get()
        inspection = Source.objects.get(kind="inspection")
        self.assertEqual(list(campaign.sources.all()), [inspection])
        self.assertEqual(set(campaign.problems.all()), set(inspection.problems.all()))
        groups = {g.name: (g.lead.username, g.problem_links.count()) for g in campaign.workgroups.all()}
        self.assertEqual(
            groups,
            {"党风廉政和意识形态推进组": ("wangshuji", 2), "基层党建和财务管理推进组": ("zhangwei", 2)},
        )
        first, latest = campaign.progress_meetings.order_by("date")
        self.assertEqual(first.date, datetime.date(2021, 7, 20))
        self.assertGreater(first.date, inspection.feedback_date)
        self.assertLessEqual(latest.date, timezone.localdate())
        extended = Decision.objects.get(action="extend")
        self.assertEqual(extended.meeting, latest)
        measure = extended.measures.get()
        self.assertEqual(measure.deadline, extended.deadline)
        self.assertEqual(measure.extension_reason, extended.text)

    def test_the_records_agree_with_the_seed_reports_parts_eight_and_nine(self):
        from zhenggai.records import dual_life
        from zhenggai.records.models import Commitment, DualLife

        secretary = User.objects.get(username="wangshuji")
        placed = dict(DualLife.objects.values_list("person__username", "branch__name"))
        self.assertEqual(
            placed,
            {
                "wangshuji": "机关第一党支部",
                "zhangwei": "机关第一党支部",
                "liuyang": "机关第二党支部",
                "chenjing": "机关第二党支部",
            },
        )
        # (八) "只局限于到个场、说几句": present at most, spoke once, short of the rule.
        count = dual_life.year_counts([secretary], 2021, {secretary.pk: dual_life.required_for(secretary)})
        c = count[secretary.pk]
        self.assertEqual((c.attended, c.spoke, c.absent, c.short), (8, 1, 2, True))
        # (九): both pledges made before the meeting and stated kept for 2021, no matter against them.
        pledges = Commitment.objects.filter(person=secretary)
        self.assertEqual(
            sorted(pledges.values_list("text", flat=True)),
            ["不违规插手干预公共资源交易及政府采购", "不违规收送礼品礼金"],
        )
        for pledge in pledges:
            self.assertLess(pledge.made_on, Meeting.objects.get(year=2021).date)
            self.assertTrue(pledge.statements.get(year=2021).kept)
            self.assertFalse(pledge.matters.exists())
        # The seed report checked against these records: no ZG954/ZG955 contradiction.
        from zhenggai.reviews.analysis import analyse

        report = Report.objects.get(author=secretary)
        codes = {f.code for f in analyse(report.meeting, report.versions.latest("id")).findings}
        self.assertFalse(codes & {"ZG954", "ZG955"}, codes)

    def test_dates_fit_a_2021_meeting(self):
        meeting = Meeting.objects.get(year=2021)
        self.assertEqual((meeting.date.year, meeting.date.month), (2021, 12))
        for talk in meeting.talks.all():
            self.assertLess(talk.date, meeting.date)
            self.assertEqual(talk.date.year, 2021)
        self.assertEqual(Source.objects.get(kind="inspection").feedback_date.year, 2021)

    def test_statuses_agree_with_their_text(self):
        done = Measure.objects.filter(status=Status.DONE)
        self.assertTrue(done.filter(finished_late=True).exists())
        self.assertTrue(done.filter(finished_late=False).exists())
        for measure in done:
            self.assertEqual(
                "按期" in measure.completion_note, not measure.finished_late, measure.completion_note
            )

    def test_no_placeholder_is_left_in_any_text(self):
        found = []
        for config in ("orgs", "ledger", "meetings", "records", "reviews", "notify"):
            for model in apps.get_app_config(config).get_models():
                fields = [
                    f.name
                    for f in model._meta.concrete_fields
                    if isinstance(f, (models.CharField, models.TextField, models.JSONField))
                    and f.name != "password"
                ]
                for row in model.objects.values("pk", *fields):
                    for name in fields:
                        value = json.dumps(row[name], ensure_ascii=False) if row[name] is not None else ""
                        if PLACEHOLDER.search(value):
                            found.append(f"{model.__name__} {row['pk']} {name}: {value[:80]}")
        self.assertEqual(found, [])
