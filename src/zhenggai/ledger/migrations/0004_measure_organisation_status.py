# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""The organisation + status filter of the ledger page: one index range per organisation."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0003_postgres_search_and_audit_guard"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="measure",
            index=models.Index(fields=["organisation", "status"], name="ledger_meas_organis_0ad74a_idx"),
        ),
    ]
