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
