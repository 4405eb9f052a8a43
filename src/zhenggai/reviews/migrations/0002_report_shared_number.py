# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""The version last submitted, up to which others read a report.

Existing reports: a report no longer a draft was submitted with every version made until its last
submission; versions saved after a return (after that time) stay the author's own.
"""

from django.db import migrations, models
from django.db.models import Max


def forwards(apps, schema_editor):
    Report = apps.get_model("reviews", "Report")
    ReportVersion = apps.get_model("reviews", "ReportVersion")
    for report in Report.objects.exclude(state="draft").exclude(submitted_at=None):
        versions = ReportVersion.objects.filter(report=report, created_at__lte=report.submitted_at)
        number = versions.aggregate(n=Max("number"))["n"] or 0
        Report.objects.filter(pk=report.pk).update(shared_number=number)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="shared_number",
            field=models.PositiveIntegerField(default=0, verbose_name="已提交的版本"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
