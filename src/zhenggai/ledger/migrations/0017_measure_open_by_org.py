# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Each organisation's open measures by deadline (a partial index): the dashboard's overdue and
due-soon lists of one city read a few index pages per organisation instead of walking the province
(ledger/firsts.py)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0016_search_tokens_across_punctuation"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="measure",
            index=models.Index(
                condition=models.Q(("status", "not_started"), ("status", "in_progress"), _connector="OR"),
                fields=["organisation", "deadline", "id"],
                name="ledger_measure_open_by_org",
            ),
        ),
    ]
