"""The records app."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The records app, shown in the admin as 双重组织生活和公开承诺."""

    name = "zhenggai.records"
    label = "records"
    verbose_name = "双重组织生活和公开承诺"
