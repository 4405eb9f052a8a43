"""The public collection page: anyone with the link sends an opinion, and leaves no trace.

Why it is built this way (see docs/meetings.md, "匿名"):

- No login, no session, no cookie. Django's CSRF protection needs a cookie, so the view is
  `csrf_exempt`; a signed, short-lived token in a hidden field ties each post to a form this
  page served for this link, and a honeypot field catches naive bots. With no cookie there is no
  ambient authority a forged cross-site post could borrow: the worst it can do is what anyone
  holding the link can do anyway, which the rate limit caps.
- The page is rendered without the request (no context processors, no `request.user`, no
  session access) so nothing about the sender is even looked at.
- Responses are marked as already logged, so Django's request logger never writes a line for
  this path (a 4xx would otherwise be logged with the request attached), and carry
  `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
- The URL holds the link's token, so not even a server error may reach Django's logger, which
  would write the path: the view catches it and logs the traceback with the token and the
  sender's address blotted out.
- The sender's address is read only to count him in the rate limit (ratelimit.py), which keeps a
  bucket of it that changes every window, never the address.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

from zhenggai.core.errors import Refusal
from zhenggai.meetings import opinions as services
from zhenggai.meetings import ratelimit
from zhenggai.meetings.forms import PublicOpinionForm
from zhenggai.meetings.models import OpinionLink

TEMPLATE = "meetings/public/collect.html"
logger = logging.getLogger(__name__)


def _page(template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    response = HttpResponse(render_to_string(template, context), status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    # Django's own marker that the response was logged: keeps django.request silent about it.
    response._has_been_logged = True  # type: ignore[attr-defined]  # a private Django flag, set on purpose
    return response


def _closed(message: str, status: int) -> HttpResponse:
    return _page("meetings/public/closed.html", {"message": message}, status)


def _untraced(view: Callable[[HttpRequest, str], HttpResponse]) -> Callable[[HttpRequest, str], HttpResponse]:
    """Turn any error of `view` into a Chinese 500 page and a log line naming neither link nor sender."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        try:
            return view(request, token)
        except Exception:
            text = traceback.format_exc()
            for secret in (token, request.META.get("REMOTE_ADDR", "")):
                if secret:
                    text = text.replace(secret, "…")
            logger.error("征求意见页面出错（链接和提交人已隐去）：\n%s", text)
            return _closed("系统暂时出错，意见没有提交成功。请稍后再试。", 500)

    return wrapper


@csrf_exempt
@_untraced
def collect(request: HttpRequest, token: str) -> HttpResponse:
    """The public collection page of a link: GET shows the form, POST stores an anonymous opinion.

    No login; nothing about the sender is read or kept. 404 for an unknown, expired or closed link;
    405 for other methods; 400 for a form that cannot be read, a refused opinion, or a form too old
    (it comes back with a fresh token and the text kept); 429 when the link takes too many at once.
    A filled honeypot gets the thanks page and nothing is stored.
    """
    if request.method not in ("GET", "POST"):
        return _closed("不支持该操作", 405)
    if request.method == "GET":
        ratelimit.forget_old()  # a POST forgets them as it counts
    link = services.open_link(token)
    if link is None:
        return _closed("该征求意见链接不存在、已过期或已关闭。如需提出意见，请联系组织者索取新的链接。", 404)
    meeting = link.meeting
    if request.method == "GET":
        form = PublicOpinionForm(meeting=meeting, initial={"form_token": services.form_token(link)})
        return _page(TEMPLATE, {"link": link, "meeting": meeting, "form": form})
    form = PublicOpinionForm(request.POST, meeting=meeting)
    context = {"link": link, "meeting": meeting, "form": form}
    if not form.is_valid():
        return _page(TEMPLATE, {**context, "error": "请填写意见内容（不超过 2000 字）后再提交。"}, 400)
    data = form.cleaned_data
    if data["website"]:
        return _page("meetings/public/thanks.html", context)  # a bot: say thanks, keep nothing
    if not services.form_token_is_valid(link, data["form_token"]):
        return _refresh(link, context)
    try:
        services.submit_opinion(
            link,
            text=data["text"],
            about=meeting.members.filter(pk=_int(data["about"])).first() if data["about"] else None,
            aspect=meeting.aspects.filter(pk=_int(data["aspect"])).first() if data["aspect"] else None,
            sender=request.META.get("REMOTE_ADDR", ""),
        )
    except Refusal as exc:
        return _page(TEMPLATE, {**context, "error": exc.message}, exc.status)
    return _page("meetings/public/thanks.html", context)


def _refresh(link: OpinionLink, context: dict[str, Any]) -> HttpResponse:
    """The form was too old (or not ours): a fresh token, the text kept, one more click."""
    data = context["form"].data.copy()
    data["form_token"] = services.form_token(link)
    form = PublicOpinionForm(data, meeting=link.meeting)
    message = "页面停留时间过长，请再点一次“提交”。您写的内容还在。"
    return _page(TEMPLATE, {**context, "form": form, "error": message}, 400)


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0
