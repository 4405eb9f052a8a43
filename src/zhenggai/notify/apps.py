"""Django's configuration of the notify app (daily digests and personal settings)."""

from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """The notify app, shown in the admin as 提醒."""

    name = "zhenggai.notify"
    label = "notify"
    verbose_name = "提醒"
