# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Versions against lost updates; a deadline missed before an extension keeps the measure late.

Existing measures: the audit trail says which extension (延期) was granted after the deadline in
force had passed; that deadline becomes `missed_deadline`, and a measure already done since is
marked finished late (逾期完成) — with an audit entry by 系统 saying why.
"""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _missed(entry):
    """The deadline an extension entry moved, when it had passed on the day of the extension."""
    raw = (entry.before or {}).get("deadline")
    if not raw:
        return None
    deadline = datetime.date.fromisoformat(raw)
    return deadline if timezone.localtime(entry.at).date() > deadline else None


def forwards(apps, schema_editor):
    Measure = apps.get_model("ledger", "Measure")
    AuditEntry = apps.get_model("ledger", "AuditEntry")
    extensions = AuditEntry.objects.filter(object_type="measure", summary="延期").order_by("at", "id")
    for entry in extensions.iterator():
        missed = _missed(entry)
        measure = Measure.objects.filter(pk=entry.object_id, missed_deadline__isnull=True).first()
        if missed is None or measure is None:
            continue
        measure.missed_deadline = missed
        fields = ["missed_deadline"]
        late = measure.status == "done" and not measure.finished_late
        if late:
            measure.finished_late = True
            fields.append("finished_late")
        measure.save(update_fields=fields)
        if late:
            AuditEntry.objects.create(
                actor=None,
                actor_name="系统",
                action="change",
                summary="逾期完成（延期前已逾期）",
                object_type="measure",
                object_id=measure.pk,
                object_repr=entry.object_repr,
                problem_id=entry.problem_id,
                measure_id=measure.pk,
                organisation_path=entry.organisation_path,
                before={"finished_late": False, "missed_deadline": None},
                after={"finished_late": True, "missed_deadline": missed.isoformat()},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0007_source_kind_in_english"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="missed_deadline",
            field=models.DateField(blank=True, null=True, verbose_name="延期前已逾期的时限"),
        ),
        migrations.AddField(
            model_name="measure",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="problem",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="source",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
        migrations.AlterField(
            model_name="problem",
            name="closed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="销号人",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
