"""Login throttling, the client's address, and the one password rule Django leaves untranslated."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from zhenggai.core.login import LOCKED_OUT, lockout_message


def lockout(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """Axes' lockout response: JSON for the API, the login page with the message for people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=LOCKED_OUT)
    context = {"form": AuthenticationForm(request), "error": lockout_message()}
    return render(request, "registration/login.html", context, status=LOCKED_OUT)


def client_ip(request: HttpRequest) -> str | None:
    """The address a failed login is counted against.

    Behind the reverse proxy (ZHENGGAI_BEHIND_PROXY) that is the last X-Forwarded-For entry, the
    one the proxy appended itself; anything before it was written by the client and proves nothing.
    """
    if settings.BEHIND_PROXY:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [part.strip() for part in header.split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


class LoginThrottle(AxesStandaloneBackend):  # type: ignore[misc]  # axes ships no type information
    """Axes' check before every login; a call without a request (a script, a test's login()) is not counted."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Refuse (PermissionDenied) a username locked out at this address; never logs anyone in itself."""
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Chinese (Django 5.2's Chinese catalogue lacks it)."""

    def get_error_message(self) -> str:
        """The refusal, in Chinese, with the length required."""
        return f"密码太短，至少需要 {self.min_length} 个字符。"
