# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Source kinds take the glossary's English names: xunshi → central_inspection, xuncha → inspection."""

from django.db import migrations, models

RENAMED = {"xunshi": "central_inspection", "xuncha": "inspection"}


def forwards(apps, schema_editor):
    Source = apps.get_model("ledger", "Source")
    for old, new in RENAMED.items():
        Source.objects.filter(kind=old).update(kind=new)


def backwards(apps, schema_editor):
    Source = apps.get_model("ledger", "Source")
    for old, new in RENAMED.items():
        Source.objects.filter(kind=new).update(kind=old)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0006_postgres_rollup_statement_triggers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="source",
            name="kind",
            field=models.CharField(
                choices=[
                    ("democratic_life", "民主生活会"),
                    ("organisational_life", "组织生活会"),
                    ("central_inspection", "巡视"),
                    ("inspection", "巡察"),
                    ("audit", "审计"),
                    ("supervision", "督查"),
                ],
                max_length=30,
                verbose_name="类型",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
