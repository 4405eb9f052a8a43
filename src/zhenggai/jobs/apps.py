"""Django's configuration of the jobs app (background work and its progress)."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The jobs app, shown in the admin as 后台任务."""

    name = "zhenggai.jobs"
    label = "jobs"
    verbose_name = "后台任务"
