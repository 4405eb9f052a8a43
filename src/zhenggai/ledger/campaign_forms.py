"""Forms of the campaign pages (专项整改): they read and type the input; the rules are in
services/campaigns.py, which checks again whatever a form offers.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from zhenggai.core.forms import DateInput
from zhenggai.ledger.access import eligible_owners
from zhenggai.ledger.models import (
    Campaign,
    DecisionAction,
    Measure,
    Problem,
    ProgressMeeting,
    Status,
    Workgroup,
)
from zhenggai.orgs.models import User


class ProblemChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs: no parameter here
    """Problems as checkboxes labelled 问题N and the start of their description."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        """问题3：理解领悟还不够深透…"""
        return f"问题{obj.number}：{obj.description[:60]}"


class MeasureChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # django-stubs: no parameter here
    """Measures as checkboxes labelled by problem, text, owner and deadline."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        """问题3 措施1：制定学习计划（张委员，2026年3月1日）"""
        deadline = (
            f"，{obj.deadline.year}年{obj.deadline.month}月{obj.deadline.day}日" if obj.deadline else ""
        )
        owner = obj.owner or "无责任人"
        return f"问题{obj.problem.number} 措施{obj.number}：{obj.text[:40]}（{owner}{deadline}）"


class CampaignForm(forms.Form):
    """A new campaign: its name and the problems it groups (offered: the source's or the selection's)."""

    name = forms.CharField(label="专项整改名称", max_length=200)
    problems = ProblemChoices(queryset=Problem.objects.none(), label="纳入的问题")

    def __init__(self, *args: Any, problems: QuerySet[Problem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["problems"]
        assert isinstance(field, ProblemChoices)
        field.queryset = problems


def _people(campaign: Campaign) -> QuerySet[User]:
    return eligible_owners(campaign.organisation)


class WorkgroupForm(forms.Form):
    """A work group: name, lead, members (people of the organisation tree) and the problems it drives."""

    name = forms.CharField(label="推进组名称", max_length=100)
    lead = forms.ModelChoiceField(queryset=User.objects.none(), label="组长")
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), label="成员", required=False, widget=forms.CheckboxSelectMultiple
    )
    problems = ProblemChoices(queryset=Problem.objects.none(), label="负责的问题", required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead", "members"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = _people(campaign)
        problems = self.fields["problems"]
        assert isinstance(problems, ProblemChoices)
        problems.queryset = campaign.problems.order_by("source_id", "number", "id")


class ProgressMeetingForm(forms.Form):
    """A progress meeting: date, attendees and minutes."""

    date = forms.DateField(label="日期", widget=DateInput())
    attendees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), label="参会人员", widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(label="会议纪要", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _people(campaign)


class DecisionForm(forms.Form):
    """A decision: text, the measures it touches, and its action with what the action needs."""

    text = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}))
    measures = MeasureChoices(queryset=Measure.objects.none(), label="涉及的整改措施", required=False)
    action = forms.ChoiceField(label="处理", choices=DecisionAction.choices, required=False)
    deadline = forms.DateField(label="新的完成时限（延期）", required=False, widget=DateInput())
    status = forms.ChoiceField(label="新状态", choices=[("", "—"), *Status.choices], required=False)
    completion_note = forms.CharField(label="完成情况（已完成）", required=False)
    blocked_reason = forms.CharField(label="原因（暂不具备整改条件）", required=False)
    review_date = forms.DateField(label="复查日期（暂不具备整改条件）", required=False, widget=DateInput())

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        assert isinstance(field, MeasureChoices)
        field.queryset = (
            Measure.objects.filter(problem__campaigns=campaign)
            .select_related("problem", "owner")
            .order_by("problem__source_id", "problem__number", "number", "id")
        )


def campaign_problems_offered(campaign: Campaign) -> QuerySet[Problem]:
    """The problems a campaign's edit form offers: its own and the other problems of its sources."""
    return (
        Problem.objects.filter(Q(campaigns=campaign) | Q(source__in=campaign.sources.all()))
        .select_related("organisation")
        .distinct()
        .order_by("source_id", "number", "id")
    )


def campaign_initial(campaign: Campaign) -> dict[str, Any]:
    """The campaign's edit form as the campaign stands."""
    return {"name": campaign.name, "problems": list(campaign.problems.all())}


def workgroup_initial(group: Workgroup) -> dict[str, Any]:
    """The work group's edit form as the group stands."""
    return {
        "name": group.name,
        "lead": group.lead,
        "members": list(group.members.all()),
        "problems": list(Problem.objects.filter(workgroup_links__workgroup=group)),
    }


def meeting_initial(meeting: ProgressMeeting) -> dict[str, Any]:
    """The progress meeting's edit form as the meeting stands."""
    return {"date": meeting.date, "attendees": list(meeting.attendees.all()), "minutes": meeting.minutes}
