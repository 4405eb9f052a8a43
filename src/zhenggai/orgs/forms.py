"""Forms of the organisation and people pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from zhenggai.core.forms import model_choice_field
from zhenggai.orgs.access import managed_organisations, paths_with
from zhenggai.orgs.models import MANAGING_ROLES, Membership, Organisation, Role, User


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    """A choice of organisations shown as the tree: each name indented by its depth."""

    def label_from_instance(self, obj: Organisation) -> str:
        return obj.indented_name


def offer_managed_organisations(form: forms.BaseForm, name: str, user: User) -> None:
    """Offer in field `name` the organisations `user` manages, the top one chosen when he manages one tree.

    A secretary or office manages his team and everything below it: the form opens on his team, so
    the common case needs no choice at all.
    """
    field = model_choice_field(form, name)
    field.queryset = managed_organisations(user)
    tops = paths_with(user, MANAGING_ROLES)
    if len(tops) == 1 and not form.is_bound:
        form.initial.setdefault(name, Organisation.objects.filter(path=tops[0]).first())


class OrganisationForm(forms.Form):
    """A new organisation: its name and a parent among the organisations the user manages."""

    name = forms.CharField(label="名称", max_length=100)
    parent = OrganisationChoiceField(queryset=None, label="上级组织")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_managed_organisations(self, "parent", user)


class PersonForm(forms.Form):
    """A new person: login, name, initial password (8 characters or more) and a first role.

    The role is in an organisation the user manages.
    """

    username = forms.CharField(label="登录名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=8)
    organisation = OrganisationChoiceField(queryset=None, label="组织")
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_managed_organisations(self, "organisation", user)


class RoleForm(forms.Form):
    """A role for a person in an organisation the user manages.

    People offered: the active ones with a role in those organisations, and those without any role yet.
    """

    user = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True), label="人员")
    organisation = OrganisationChoiceField(queryset=None, label="组织")
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = managed_organisations(user)
        model_choice_field(self, "organisation").queryset = orgs
        # Anyone already known in the managed organisations, plus people without any role yet.
        known = Q(pk__in=Membership.objects.filter(organisation__in=orgs).values("user_id")) | Q(
            memberships=None
        )
        model_choice_field(self, "user").queryset = User.objects.filter(known, is_active=True).order_by(
            "display_name", "username"
        )


class SetupForm(forms.Form):
    """The first run's form: the setup key, the first administrator and the top organisation."""

    key = forms.CharField(
        label="设置密钥", max_length=64, help_text="启动 zhenggai run 时控制台显示的设置密钥"
    )
    organisation = forms.CharField(label="顶级组织名称", max_length=100, help_text="例如：中共某某市委")
    display_name = forms.CharField(label="管理员姓名", max_length=50)
    username = forms.CharField(label="登录名", max_length=150)
    password = forms.CharField(label="密码", widget=forms.PasswordInput, min_length=8)
    password_again = forms.CharField(label="再次输入密码", widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        """The fields, or a refusal when the two passwords differ."""
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            raise forms.ValidationError("两次输入的密码不一致")
        return data
