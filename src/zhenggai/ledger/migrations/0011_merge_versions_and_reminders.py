# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Joins the versions and audit names (0010_merge…) with the removal of stored reminders (0010_remove…)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0010_merge_versions_and_audit_names"),
        ("ledger", "0010_remove_reminders"),
    ]

    operations = []
