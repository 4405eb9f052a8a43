# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Joins the two lines of migrations 0008: versions and missed deadlines, audit guard and names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0008_versions_and_missed_deadline"),
        ("ledger", "0009_audit_names_and_labels"),
    ]

    operations = []
