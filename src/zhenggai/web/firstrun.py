"""Leads the first visitor of an empty system from the front page or the login page to the setup page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from zhenggai.orgs import setup


class FirstRunMiddleware:
    """While nobody exists, "/" and the login page redirect to the setup page (keeping ?key=).

    Only those two paths ask the database, and only for a visitor not logged in; every other page behaves as always (an anonymous visitor
    is sent to the login page, and from there here).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "GET"
            and request.path in ("/", reverse("login"))
            and not request.user.is_authenticated  # someone logged in: the system has people
            and setup.needed()
        ):
            key = request.GET.get("key", "")
            return redirect(reverse("setup") + (f"?key={key}" if key else ""))
        return self.get_response(request)
