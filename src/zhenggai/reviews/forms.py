"""Forms of the review pages, and the confirmation table read back into rows."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict

from zhenggai.core.errors import Refusal
from zhenggai.core.forms import model_choice_field
from zhenggai.ledger.access import owner_rule, unit_rule
from zhenggai.ledger.models import Term
from zhenggai.orgs.models import Organisation, User
from zhenggai.reviews.into_ledger import MeasureRow, ProblemRow

MAX_ROWS = 500
MAX_MEASURES = 50


class UploadForm(forms.Form):
    """A report file to upload; the service refuses anything but .docx and .txt, and files too big."""

    file = forms.FileField(label="材料文件（.docx 或 .txt）")


class WriteForm(forms.Form):
    """A report written in the browser: its whole text."""

    text = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 30}))


class CommentForm(forms.Form):
    """A review comment: the version (hidden), the paragraph and the text."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    line = forms.IntegerField(label="段落", min_value=1)
    text = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    """退回: the reason, which may be left empty when the submitted version carries comments."""

    reason = forms.CharField(label="退回意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CriticismForm(forms.Form):
    """A criticism made at the meeting: who said it, of whom, and what; both people among `people`."""

    speaker = forms.ModelChoiceField(label="提出人", queryset=User.objects.none())
    target = forms.ModelChoiceField(label="被批评人", queryset=User.objects.none())
    text = forms.CharField(label="批评意见", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "speaker").queryset = people
        model_choice_field(self, "target").queryset = people


class ConclusionsForm(forms.Form):
    """The team's conclusions (会议结论): free text, which may be empty."""

    conclusions = forms.CharField(label="会议结论", required=False, widget=forms.Textarea(attrs={"rows": 8}))


class FeedbackForm(forms.Form):
    """Inspection feedback (反馈意见): pasted text, or a .docx or .txt file (the file wins)."""

    text = forms.CharField(label="反馈意见全文", required=False, widget=forms.Textarea(attrs={"rows": 14}))
    file = forms.FileField(label="或上传文件（.docx 或 .txt）", required=False)


def _int(data: QueryDict, name: str, limit: int) -> int:
    try:
        value = int(data.get(name, "0"))
    except ValueError:
        raise Refusal("提交的表格不完整，请刷新页面后重试") from None
    return max(0, min(value, limit))


def _date(raw: str, where: str) -> datetime.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise Refusal(f"{where}：完成时限“{raw}”不是有效日期（格式如 2025-06-30）") from None


def rows_from_post(
    data: QueryDict, organisation: Organisation, owners: dict[str, User], units: dict[str, Organisation]
) -> list[ProblemRow]:
    """The confirmation table as the office left it: p{i}-… for problems, p{i}-m{j}-… for measures.

    Owners and units are taken only among those offered (views.common.owners_and_units); anyone else
    is refused with the ledger's own words for the rule, which name nobody.
    """
    rows = []
    for i in range(_int(data, "problems", MAX_ROWS)):
        p = f"p{i}-"
        row = ProblemRow(
            description=data.get(p + "description", "").strip(),
            aspect=data.get(p + "aspect", "").strip(),
            include=p + "include" in data,
            key=data.get(p + "key", ""),
        )
        for j in range(_int(data, p + "measures", MAX_MEASURES)):
            m = f"{p}m{j}-"
            where = f"第{i + 1}个问题的第{j + 1}条措施"
            owner, unit, term = data.get(m + "owner", ""), data.get(m + "unit", ""), data.get(m + "term", "")
            if owner and owner not in owners:
                raise Refusal(f"{where}：{owner_rule(organisation)}")
            if unit and unit not in units:
                raise Refusal(f"{where}：{unit_rule(organisation)}")
            if term not in Term.values:
                raise Refusal(f"{where}：请选择整改时限类型")
            text = data.get(m + "text", "").strip()
            row.measures.append(
                MeasureRow(
                    text=text,
                    owner=owners.get(owner),
                    unit=units.get(unit),
                    term=term,
                    deadline=_date(data.get(m + "deadline", ""), where),
                    include=m + "include" in data and bool(text),
                )
            )
        if row.include and not row.description:
            raise Refusal(f"第{i + 1}个问题的描述不能为空（不录入请取消勾选）")
        rows.append(row)
    return rows
