"""WSGI entry point (waitress in `zhenggai run`, or any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
application = get_wsgi_application()
