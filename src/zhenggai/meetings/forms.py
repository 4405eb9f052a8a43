"""Forms of the meeting pages: they read and type the input; the rules are in the services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from zhenggai.core.dates import today
from zhenggai.core.forms import DateInput, choice_field, model_choice_field
from zhenggai.meetings.holding import MAX_BATCH, MIN_BATCH
from zhenggai.meetings.models import MEETING_KIND_CHOICES, Aspect, Meeting, Route
from zhenggai.meetings.services import NOTICE_MAX_BYTES, candidates
from zhenggai.orgs.forms import OrganisationChoiceField, offer_managed_organisations
from zhenggai.orgs.models import Organisation, User


class PersonChoice(forms.ModelMultipleChoiceField[User]):
    """A choice of several people, each shown by his name."""

    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class MeetingForm(forms.Form):
    """A meeting: organisation (one the user manages), kind, year, theme, date and participants.

    Participants are chosen among the candidates of the organisation sent with the form. Given
    `meeting` (editing), organisation and kind are left out: they never change.
    """

    organisation = OrganisationChoiceField(Organisation.objects.none(), label="组织")
    kind = forms.ChoiceField(label="类型", choices=MEETING_KIND_CHOICES)
    year = forms.IntegerField(label="年度", min_value=1990, max_value=2100)
    theme = forms.CharField(label="主题", max_length=200, required=False, help_text="如：党史学习教育专题")
    date = forms.DateField(label="召开日期", required=False, widget=DateInput())
    members = PersonChoice(
        User.objects.none(),
        label="参会人员",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="新建时可不选，默认为书记和全体班子成员",
    )

    def __init__(self, *args: Any, user: User, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_managed_organisations(self, "organisation", user)
        self.fields["year"].initial = today().year
        if meeting is not None:
            del self.fields["organisation"], self.fields["kind"]
            model_choice_field(self, "members").queryset = candidates(meeting.organisation)
            self.fields["members"].help_text = ""
        else:
            chosen = self.data.get("organisation") if self.is_bound else self.initial.get("organisation")
            org_id = chosen.pk if isinstance(chosen, Organisation) else chosen
            organisation = (
                Organisation.objects.filter(pk=org_id).first() if org_id and str(org_id).isdigit() else None
            )
            model_choice_field(self, "members").queryset = (
                candidates(organisation) if organisation is not None else User.objects.filter(pk__in=[])
            )


class NoticeForm(forms.Form):
    """The meeting's notice: pasted text, or a .docx or .txt file (the view prefers the file)."""

    text = forms.CharField(
        label="粘贴通知全文", required=False, widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000
    )
    file = forms.FileField(
        label="或上传通知文件",
        required=False,
        help_text=f".docx 或 .txt，不超过 {NOTICE_MAX_BYTES // 1048576} MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.doc,.wps,.odt,.rtf,.pdf,.txt"}),
    )


class LinkForm(forms.Form):
    """A new collection link: a note saying whom it is for, and its last day (two weeks on by default)."""

    title = forms.CharField(label="说明", max_length=100, required=False, help_text="如：机关全体干部")
    expires_on = forms.DateField(label="截止日期", widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = today() + datetime.timedelta(days=14)


class BatchForm(forms.Form):
    """How many opinions make a batch that is published at once (see holding.py)."""

    # The range is the service's rule (its message says why); the browser is only told of it.
    size = forms.IntegerField(
        label="意见满多少条公布一次", widget=forms.NumberInput(attrs={"min": MIN_BATCH, "max": MAX_BATCH})
    )


class SortForm(forms.Form):
    """The office's sorting of one opinion: route, the participant it goes to, its aspect, answered."""

    route = forms.ChoiceField(label="分办", choices=Route.choices)
    routed_to = forms.ModelChoiceField(User.objects.none(), label="分办给", required=False)
    aspect = forms.ModelChoiceField(Aspect.objects.none(), label="方面", required=False)
    answered = forms.BooleanField(label="已回应", required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "routed_to").queryset = meeting.members.order_by("display_name", "username")
        model_choice_field(self, "aspect").queryset = meeting.aspects.all()


class TalkForm(forms.Form):
    """A talk to record: the two participants, the date (today by default) and a short note."""

    initiator = forms.ModelChoiceField(User.objects.none(), label="谈话人")
    partner = forms.ModelChoiceField(User.objects.none(), label="谈话对象")
    date = forms.DateField(label="谈话日期", widget=DateInput())
    note = forms.CharField(
        label="简要内容", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = meeting.members.order_by("display_name", "username")
        model_choice_field(self, "initiator").queryset = people
        model_choice_field(self, "partner").queryset = people
        self.fields["date"].initial = today()


class PublicOpinionForm(forms.Form):
    """The collection page. `website` is a honeypot: people don't see it, naive bots fill it in."""

    about = forms.ChoiceField(label="意见针对", required=False)
    aspect = forms.ChoiceField(label="所属方面（可不选）", required=False)
    text = forms.CharField(label="您的意见或建议", widget=forms.Textarea(attrs={"rows": 8}), max_length=2000)
    form_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = meeting.members.order_by("display_name", "username")
        choice_field(self, "about").choices = [("", "领导班子（整体）")] + [
            (str(p.pk), str(p)) for p in people
        ]
        choice_field(self, "aspect").choices = [("", "不选")] + [
            (str(a.pk), a.text) for a in meeting.aspects.all()
        ]
