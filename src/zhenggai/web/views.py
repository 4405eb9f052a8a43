"""Error pages in Chinese."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 handler (a malformed request, a host name not in ALLOWED_HOSTS): a static page."""
    return _static_page(400, "请求无效", "请求无效或网址不正确，请检查后重试。")


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler: a static page that needs no database, no session, no request context."""
    return _static_page(500, "系统出错", "系统暂时出现错误，请稍后重试；如果一直出现，请联系系统管理员。")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The CSRF check failed (an old tab, cookies off): a Chinese 403 saying what to do."""
    return core_views.forbidden(request, "页面已过期或表单来源无法验证，请刷新页面后重新提交。")


def _static_page(status: int, title: str, message: str) -> HttpResponse:
    html = loader.get_template("web/error_page.html").render({"title": title, "message": message})
    return HttpResponse(html, status=status)


_CJK = re.compile("[\u4e00-\u9fff]")
