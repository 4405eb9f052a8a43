"""Error pages in Chinese."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "ledger/forbidden.html", {"error": "您没有权限访问该页面"}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "页面不存在，或您无权查看"
    return render(request, "web/not_found.html", {"error": message}, status=404)
