"""The meetings app."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The meetings app, shown in the admin as 民主生活会和组织生活会."""

    name = "zhenggai.meetings"
    label = "meetings"
    verbose_name = "民主生活会和组织生活会"
