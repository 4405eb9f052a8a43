# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Joins the meeting's version (no lost updates) and the held opinions with their rate counts."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meeting_version"),
        ("meetings", "0003_rate_count"),
    ]

    operations = []
