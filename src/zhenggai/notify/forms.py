"""The forms of 我的设置 and of the group robots."""

from __future__ import annotations

from typing import Any

from django import forms

from zhenggai.core.forms import choice_field
from zhenggai.notify.models import GroupRobot, RobotKind
from zhenggai.orgs.forms import OrganisationChoiceField, offer_managed_organisations
from zhenggai.orgs.models import User


class SettingsForm(forms.Form):
    """A person's own settings: his e-mail address and whether the daily digest is sent to it."""

    email = forms.EmailField(
        label="邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "邮箱地址的格式不对，例如 zhangsan@example.gov.cn"},
    )
    digest_email = forms.BooleanField(label="每天接收逾期、即将到期的整改措施提醒邮件", required=False)


class RobotForm(forms.ModelForm[GroupRobot]):
    """A new group robot of one of the organisations the user manages (his own team chosen first)."""

    organisation = OrganisationChoiceField(
        queryset=None, label="组织", error_messages={"invalid_choice": "请选择您管理的组织"}
    )
    url = forms.URLField(label="Webhook 地址", max_length=500, assume_scheme="https")

    class Meta:
        """The robot's organisation, kind, address, secret and name."""

        model = GroupRobot
        fields = ("organisation", "kind", "url", "secret", "name")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_managed_organisations(self, "organisation", user)
        choice_field(self, "kind").choices = RobotKind.choices
        self.fields["url"].help_text = "群设置 → 群机器人 → 复制 Webhook 地址"
        self.fields["secret"].help_text = "钉钉机器人选择“加签”时填写（SEC 开头）；企业微信不需要"

    def clean_url(self) -> str:
        """Only https addresses: the address carries the robot's key."""
        url = str(self.cleaned_data["url"])
        if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise forms.ValidationError("Webhook 地址应以 https:// 开头")
        return url
