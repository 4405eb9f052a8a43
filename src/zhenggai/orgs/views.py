"""Organisation, people and role management for secretaries and the office."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from zhenggai.core.errors import Forbidden, Refusal
from zhenggai.core.views import forbidden, form_error, refused
from zhenggai.orgs import services
from zhenggai.orgs import setup as first_run
from zhenggai.orgs.access import is_manager_anywhere, managed_organisations
from zhenggai.orgs.forms import OrganisationForm, PersonForm, RoleForm, SetupForm
from zhenggai.orgs.http import AuthenticatedRequest
from zhenggai.orgs.models import Membership, User

TEMPLATE = "orgs/index.html"


def _context(user: User, **forms: object) -> dict[str, object]:
    orgs = managed_organisations(user)
    return {
        "organisations": orgs,
        "memberships": Membership.objects.filter(organisation__in=orgs)
        .select_related("user", "organisation")
        .order_by("organisation__path", "role", "user__display_name"),
        "org_form": forms.get("org_form") or OrganisationForm(user=user),
        "person_form": forms.get("person_form") or PersonForm(user=user),
        "role_form": forms.get("role_form") or RoleForm(user=user),
    }


def _forbidden(request: HttpRequest) -> HttpResponse:
    return forbidden(request, "只有书记或办公室可以管理组织和人员")


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The organisations page: the organisations the user manages, the roles in them, and the forms to add
    organisations, people and roles. 403 for anyone who manages no organisation.
    """
    user: User = request.user
    if not is_manager_anywhere(user):
        return _forbidden(request)
    return render(request, TEMPLATE, _context(user))


def _post(
    request: AuthenticatedRequest,
    form_key: str,
    form: forms.Form,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    user: User = request.user
    if not is_manager_anywhere(user):
        return _forbidden(request)
    try:
        if not form.is_valid():
            raise form_error(form)
        action(form.cleaned_data)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(user, **{form_key: form}), exc)
    messages.success(request, done)
    return redirect("orgs:index")


@login_required
@require_POST
def create_organisation(request: AuthenticatedRequest) -> HttpResponse:
    """POST: add an organisation below one the user manages, then back to the organisations page.

    403 for anyone who manages no organisation; a refusal shows the page again with its message (400).
    """
    user: User = request.user
    form = OrganisationForm(request.POST, user=user)
    return _post(request, "org_form", form, lambda d: services.create_organisation(user, **d), "组织已新增")


@login_required
@require_POST
def create_person(request: AuthenticatedRequest) -> HttpResponse:
    """POST: add a person with his first role, then back to the organisations page.

    403 for anyone who manages no organisation; a refusal shows the page again with its message (400).
    """
    user: User = request.user
    form = PersonForm(request.POST, user=user)
    return _post(request, "person_form", form, lambda d: services.create_person(user, **d), "人员已新增")


@login_required
@require_POST
def set_role(request: AuthenticatedRequest) -> HttpResponse:
    """POST: give a person a role in an organisation (replacing his role there), then back to the page.

    403 for anyone who manages no organisation; a refusal shows the page again with its message (400).
    """
    user: User = request.user
    form = RoleForm(request.POST, user=user)
    return _post(
        request,
        "role_form",
        form,
        lambda d: services.set_role(user, d["user"], d["organisation"], d["role"]),
        "角色已设置",
    )


@login_required
@require_POST
def remove_role(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """POST: remove a role, then back to the organisations page.

    404 when the role is not in an organisation the user manages; removing one's own secretary or office
    role is refused (400) on the page.
    """
    user: User = request.user
    membership = Membership.objects.filter(pk=pk, organisation__in=managed_organisations(user)).first()
    if membership is None:
        return render(request, "web/not_found.html", {"error": "没有找到该角色，或您无权管理"}, status=404)
    try:
        services.remove_role(user, membership)
    except Refusal as exc:
        return refused(request, TEMPLATE, _context(user), exc)
    messages.success(request, "角色已撤销")
    return redirect("orgs:index")


def setup(request: HttpRequest) -> HttpResponse:
    """The first run: GET shows the form (the key from ?key= filled in), POST creates the administrator.

    404 once anyone exists; 403 with the form again for a wrong setup key; 400 for a refused form.
    On success the new administrator is logged in and sent to the organisations page.
    """
    if not first_run.needed():
        raise Http404("系统已完成初始设置")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        form = SetupForm(initial={"key": request.GET.get("key", "")})
        return render(request, "orgs/setup.html", {"form": form})
    form = SetupForm(request.POST)
    try:
        if not first_run.key_is_valid(request.POST.get("key", "")):
            raise Forbidden("设置密钥不正确：请查看运行 zhenggai run 的控制台，或数据目录中的 setup-key 文件")
        if not form.is_valid():
            raise form_error(form)
        user = first_run.set_up(
            username=form.cleaned_data["username"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password"],
            organisation=form.cleaned_data["organisation"],
        )
    except Refusal as exc:
        return refused(request, "orgs/setup.html", {"form": form}, exc)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "初始设置已完成。下一步：在“组织与人员”中添加下级组织和人员，或导入整改台账。")
    return redirect("orgs:index")
