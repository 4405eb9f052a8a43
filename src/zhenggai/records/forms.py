"""The forms of the records pages (ISO dates whatever the browser's language)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhenggai.core.dates import today
from zhenggai.core.forms import DateInput, model_choice_field
from zhenggai.orgs.models import Organisation
from zhenggai.records.models import BranchMeetingKind


class BranchForm(forms.Form):
    """The branch a leader belongs to as an ordinary member."""

    branch = forms.ModelChoiceField(Organisation.objects.none(), label="所在党支部")
    since = forms.DateField(label="编入时间", required=False, widget=DateInput())

    def __init__(self, *args: Any, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "branch").queryset = branches


class MeetingForm(forms.Form):
    """A branch meeting; the attendance comes as presence_<person id> and reason_<person id>."""

    kind = forms.ChoiceField(label="会议类型", choices=BranchMeetingKind.choices)
    date = forms.DateField(label="日期", widget=DateInput())
    topic = forms.CharField(label="主题", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today()


class CommitmentForm(forms.Form):
    """A public pledge."""

    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="承诺所在组织")
    text = forms.CharField(label="承诺内容", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    made_on = forms.DateField(label="承诺时间", widget=DateInput())
    scope = forms.CharField(label="承诺范围", max_length=100, required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = organisations
        self.fields["made_on"].initial = today()


class StatementForm(forms.Form):
    """The yearly statement on a pledge."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    kept = forms.TypedChoiceField(
        label="践诺情况", choices=(("1", "已践诺"), ("0", "未践诺")), coerce=lambda v: v == "1"
    )
    text = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = today().year


class MatterForm(forms.Form):
    """A matter found against a pledge."""

    found_on = forms.DateField(label="发现时间", widget=DateInput())
    description = forms.CharField(label="问题情况", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["found_on"].initial = today()


class RuleForm(forms.Form):
    """How many branch meetings a year an organisation's leaders attend."""

    organisation = forms.ModelChoiceField(Organisation.objects.none(), label="组织")
    required = forms.IntegerField(label="每年应参加次数", min_value=1, max_value=100)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = organisations
