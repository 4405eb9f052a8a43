"""Forms of the ledger pages: they read and type the input; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms

from zhenggai.core.forms import choice_field, model_choice_field
from zhenggai.ledger.models import Measure, Problem, Source, SourceKind, Status
from zhenggai.orgs.access import managed_organisations
from zhenggai.orgs.forms import OrganisationChoiceField
from zhenggai.orgs.models import Organisation, User

DATE = forms.DateInput(attrs={"type": "date"})


class SourceForm(forms.ModelForm[Source]):
    class Meta:
        model = Source
        fields = ("kind", "organisation", "year", "theme", "inspecting_body", "feedback_date", "title")
        widgets = {"feedback_date": DATE}  # noqa: RUF012
        help_texts = {"title": "可不填，系统按类型、年度和主题生成"}  # noqa: RUF012

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = managed_organisations(user)
        choice_field(self, "kind").choices = SourceKind.choices
        self.fields["title"].required = False


class ProblemForm(forms.ModelForm[Problem]):
    class Meta:
        model = Problem
        fields = ("number", "aspect", "category", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False


def people_of(org: Organisation) -> forms.ModelChoiceField[User]:
    """Owners to choose from: everyone with a role in the organisation's tree (root of its managers)."""
    root_path = org.path.split("/")[0] + "/"
    qs = User.objects.filter(is_active=True, memberships__organisation__path__startswith=root_path).distinct()
    return forms.ModelChoiceField(qs.order_by("display_name", "username"), label="责任人", required=False)


class MeasureForm(forms.ModelForm[Measure]):
    class Meta:
        model = Measure
        fields = ("number", "text", "owner", "unit", "term", "deadline")
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "deadline": DATE}  # noqa: RUF012

    def __init__(self, *args: Any, organisation: Organisation, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = people_of(organisation)
        self.fields["unit"] = OrganisationChoiceField(
            managed_organisations(user), label=self.fields["unit"].label, required=False
        )
        self.fields["number"].required = False


class ProgressForm(forms.Form):
    date = forms.DateField(label="日期", widget=DATE)
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    status = forms.ChoiceField(label="状态", choices=[("", "（不变）"), *Status.choices], required=False)
    completion_note = forms.CharField(
        label="完成情况（标记已完成时必填）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    blocked_reason = forms.CharField(
        label="暂不具备整改条件的原因", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    review_date = forms.DateField(label="复查日期", widget=DATE, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=Status.choices)
    completion_note = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    blocked_reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    review_date = forms.DateField(label="复查日期", widget=DATE, required=False)


class ExtendForm(forms.Form):
    deadline = forms.DateField(label="新的完成时限", widget=DATE)
    reason = forms.CharField(label="延期原因", widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    note = forms.CharField(label="销号说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="重新打开的原因", widget=forms.Textarea(attrs={"rows": 2}))
