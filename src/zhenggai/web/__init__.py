"""The Django project: settings, URLs, the base pages, and the `run` and `demo` commands."""
