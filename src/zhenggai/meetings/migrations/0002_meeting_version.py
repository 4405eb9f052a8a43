# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""A meeting's version: a save of its edit page based on an older one is refused (no lost updates)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
    ]
