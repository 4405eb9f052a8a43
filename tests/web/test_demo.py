"""`zhenggai demo` loads the seed report's meeting and a 巡察 once; a second run changes nothing."""

import io

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Evidence, Measure, Problem, Source, Status
from zhenggai.ledger.queries import overdue_q
from zhenggai.orgs.models import User


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
