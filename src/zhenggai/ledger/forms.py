"""Forms of the ledger pages: they read and type the input; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from zhenggai.core.forms import DateInput, choice_field
from zhenggai.ledger.access import eligible_owners, unit_choices
from zhenggai.ledger.models import Measure, Problem, Source, SourceKind, Status
from zhenggai.orgs.forms import OrganisationChoiceField, offer_managed_organisations
from zhenggai.orgs.models import Organisation, User


class SourceForm(forms.ModelForm[Source]):
    """A new source of problems: kind, an organisation the user manages, year and theme (meetings) or
    inspecting body and feedback date (inspections), and a title that may be left empty.
    """

    class Meta:
        """The fields in the order the page shows them; the help text says an empty title is made for you."""

        model = Source
        fields = ("kind", "organisation", "year", "theme", "inspecting_body", "feedback_date", "title")
        widgets = {"feedback_date": DateInput()}  # noqa: RUF012
        help_texts = {"title": "可不填，系统按类型、年度和主题生成"}  # noqa: RUF012

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_managed_organisations(self, "organisation", user)
        choice_field(self, "kind").choices = SourceKind.choices
        self.fields["title"].required = False


class ProblemForm(forms.ModelForm[Problem]):
    """A problem's number, aspect, category and description.

    An empty number means the next one on creation, and no change on edit.
    """

    class Meta:
        """The fields the page edits, in its order, with a taller box for the description."""

        model = Problem
        fields = ("number", "aspect", "category", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False


def people_of(org: Organisation, keep: int | None = None) -> forms.ModelChoiceField[User]:
    """Owners to choose from: the people who may own a measure of `org` (access.eligible_owners), and
    the current owner `keep`, who stays choosable even after he left, so saving does not drop him.
    """
    people = User.objects.filter(Q(pk__in=eligible_owners(org).values("pk")) | Q(pk=keep))
    return forms.ModelChoiceField(people.order_by("display_name", "username"), label="责任人", required=False)


class MeasureForm(forms.ModelForm[Measure]):
    """A measure's number, text, owner, unit, term and deadline.

    Owners offered: the people who may own a measure of the organisation (see people_of); units: the
    organisation and those below it (and the current one). An empty number, on creation, means the
    next one; on edit, no change.
    """

    class Meta:
        """The fields the page edits, in its order, with a date picker for the deadline."""

        model = Measure
        fields = ("number", "text", "owner", "unit", "term", "deadline")
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "deadline": DateInput()}  # noqa: RUF012

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance
        self.fields["owner"] = people_of(organisation, keep=current.owner_id)
        units = Organisation.objects.filter(Q(pk__in=unit_choices(organisation)) | Q(pk=current.unit_id))
        self.fields["unit"] = OrganisationChoiceField(units, label=self.fields["unit"].label, required=False)
        self.fields["number"].required = False


class ProgressForm(forms.Form):
    """整改进展 on the measure's page: date, text, and perhaps a new status with what it needs.

    已完成 needs a completion note, 暂不具备整改条件 a reason and a review date; the service checks
    that. Evidence files come beside the form, as `files`.
    """

    date = forms.DateField(label="日期", widget=DateInput())
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    status = forms.ChoiceField(label="状态", choices=[("", "（不变）"), *Status.choices], required=False)
    completion_note = forms.CharField(
        label="完成情况（标记已完成时必填）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    blocked_reason = forms.CharField(
        label="暂不具备整改条件的原因", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    review_date = forms.DateField(label="复查日期", widget=DateInput(), required=False)


class StatusForm(forms.Form):
    """A new status for a measure, with the completion note, or the reason and review date, it may need."""

    status = forms.ChoiceField(label="状态", choices=Status.choices)
    completion_note = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    blocked_reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    review_date = forms.DateField(label="复查日期", widget=DateInput(), required=False)


class ExtendForm(forms.Form):
    """延期: the new deadline and the reason, both required."""

    deadline = forms.DateField(label="新的完成时限", widget=DateInput())
    reason = forms.CharField(label="延期原因", widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    """销号: an optional note."""

    note = forms.CharField(label="销号说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReopenForm(forms.Form):
    """Reopening a closed problem: the reason, required."""

    reason = forms.CharField(label="重新打开的原因", widget=forms.Textarea(attrs={"rows": 2}))
