"""Django's configuration of the web app (base templates, static files, the `run` and `demo` commands)."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web app, shown in the admin as 网站."""

    name = "zhenggai.web"
    label = "web"
    verbose_name = "网站"
