"""Django's configuration of the orgs app (organisations, people and roles)."""

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    """The orgs app, shown in the admin as 组织与人员."""

    name = "zhenggai.orgs"
    label = "orgs"
    verbose_name = "组织与人员"
