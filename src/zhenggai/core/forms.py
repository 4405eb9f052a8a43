"""Typed access to a form's fields, which Django declares as plain `Field`s."""

from __future__ import annotations

from typing import Any

from django import forms


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, which must be a ChoiceField (to set its choices)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), f"{name} is not a choice field"
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, which must be a ModelChoiceField (to set its queryset)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), f"{name} is not a model choice field"
    return field


class DateInput(forms.DateInput):
    """The browser's date picker, its value always ISO (2026-03-01) whatever language the user reads.

    `<input type="date">` accepts nothing else; left to itself Django localises the value (a
    Chinese browser gets 2026/03/01, which the picker throws away, leaving the box empty).
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
