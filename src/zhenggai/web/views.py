"""Error pages in Chinese."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhenggai.core import views as core_views


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 403 handler: the Chinese 'not allowed' page."""
    return core_views.forbidden(request, "您没有权限访问该页面")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: the Chinese 'not found' page, with the Http404's message if it is one for users.

    Only a message written for users (a Chinese string) is shown: Django's own 404s carry the
    URL patterns tried or model names, which are nobody's business.
    """
    arg = exception.args[0] if exception is not None and exception.args else None
    message = arg if isinstance(arg, str) and _CJK.search(arg) else "页面不存在，或您无权查看"
    return render(request, "web/not_found.html", {"error": message}, status=404)


_CJK = re.compile("[\u4e00-\u9fff]")
