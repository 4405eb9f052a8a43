"""The site's URLs plus views that fail on purpose, to reach each error handler (tests only)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from zhenggai.web.urls import handler400, handler403, handler404, handler500
from zhenggai.web.urls import urlpatterns as site


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a forged multipart boundary")


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database went away")


urlpatterns = [
    path("fail/403/", refuse),
    path("fail/400/", suspicious),
    path("fail/500/", crash),
    *site,
]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
