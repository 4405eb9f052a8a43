"""我的设置 (each person's e-mail and digest choice) and the group robots of the organisations one manages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhenggai.core.errors import Refusal
from zhenggai.core.views import first_or_404, forbidden, form_error, refused
from zhenggai.notify.forms import RobotForm, SettingsForm
from zhenggai.notify.models import GroupRobot, Preference
from zhenggai.orgs.access import is_manager_anywhere, managed_organisations
from zhenggai.orgs.http import AuthenticatedRequest


@login_required
def my_settings(request: AuthenticatedRequest) -> HttpResponse:
    """我的设置: the person's e-mail address and whether he gets the daily digest; POST saves both."""
    user = request.user
    preference = Preference.objects.filter(user=user).first()
    initial = {"email": user.email, "digest_email": preference.digest_email if preference else True}
    form = SettingsForm(request.POST or None, initial=initial)
    context = {"form": form}
    if request.method != "POST":
        return render(request, "notify/settings.html", context)
    try:
        if not form.is_valid():
            raise form_error(form)
        if form.cleaned_data["digest_email"] and not form.cleaned_data["email"]:
            raise Refusal("接收每日提醒邮件需要填写邮箱；不需要时请取消勾选")
    except Refusal as exc:
        return refused(request, "notify/settings.html", context, exc)
    user.email = form.cleaned_data["email"]
    user.save(update_fields=["email"])
    Preference.objects.update_or_create(
        user=user, defaults={"digest_email": form.cleaned_data["digest_email"]}
    )
    messages.success(request, "设置已保存")
    return redirect("notify:settings")


def _robots_context(request: AuthenticatedRequest, form: RobotForm | None = None) -> dict[str, object]:
    orgs = managed_organisations(request.user)
    return {
        "robots": GroupRobot.objects.filter(organisation__in=orgs).select_related("organisation"),
        "form": form or RobotForm(user=request.user),
    }


@login_required
def robots(request: AuthenticatedRequest) -> HttpResponse:
    """The group robots of the organisations the user manages; POST adds one. 403 for anyone else."""
    if not is_manager_anywhere(request.user):
        return forbidden(request, "只有书记或办公室可以设置群机器人")
    if request.method != "POST":
        return render(request, "notify/robots.html", _robots_context(request))
    form = RobotForm(request.POST, user=request.user)
    if not form.is_valid():
        return refused(request, "notify/robots.html", _robots_context(request, form), form_error(form))
    robot = form.save()
    messages.success(request, f"已添加群机器人“{robot}”，明天起每天随提醒推送")
    return redirect("notify:robots")


@login_required
@require_POST
def delete_robot(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Remove a group robot of an organisation the user manages; 404 for any other."""
    orgs = managed_organisations(request.user)
    robot = first_or_404(GroupRobot.objects.filter(organisation__in=orgs), pk, "没有找到该群机器人")
    robot.delete()
    messages.success(request, f"已删除群机器人“{robot}”")
    return redirect("notify:robots")
