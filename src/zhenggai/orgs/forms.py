"""Forms of the organisation and people pages."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from zhenggai.orgs.access import managed_organisations
from zhenggai.orgs.models import Membership, Role, User


class _OrgChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):  # type: ignore[no-untyped-def]
        return obj.indented_name


class OrganisationForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    parent = _OrgChoice(queryset=None, label="上级组织")  # type: ignore[arg-type]

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].queryset = managed_organisations(user)  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=50)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=8)
    organisation = _OrgChoice(queryset=None, label="组织")  # type: ignore[arg-type]
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = managed_organisations(user)  # type: ignore[attr-defined]


class RoleForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True), label="人员")
    organisation = _OrgChoice(queryset=None, label="组织")  # type: ignore[arg-type]
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        orgs = managed_organisations(user)
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        # Anyone already known in the managed organisations, plus people without any role yet.
        known = Q(pk__in=Membership.objects.filter(organisation__in=orgs).values("user_id")) | Q(
            memberships=None
        )
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(known, is_active=True).order_by("display_name", "username")
        )
