"""Login throttling every app shares: the lockout message, and the API's throttled token view."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

#: HTTP 429 Too Many Requests: the client may try again later.
LOCKED_OUT = 429


def lockout_message() -> str:
    """What a locked-out person reads: how long to wait, and whom to ask."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"登录失败次数过多（连续 {settings.AXES_FAILURE_LIMIT} 次），该账号在此网络地址的登录已暂停 {minutes} 分钟，"
        "请稍后再试；如忘记密码，请联系本组织办公室重置。"
    )


class ThrottledObtainAuthToken(ObtainAuthToken):
    """POST /api/token/: DRF's token view, answering 429 with the lockout message once locked out."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A token for good credentials; 400 for bad ones; 429 when this login is locked out."""
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # Axes flags the DRF request it was handed (its middleware only sees the Django one).
            if getattr(request, "axes_locked_out", False):
                return Response({"detail": lockout_message()}, status=LOCKED_OUT)
            raise
