"""Typed access to a form's fields, which Django declares as plain `Field`s; a blank form's markup kept."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.safestring import SafeString


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


def as_p(form: forms.BaseForm) -> SafeString:
    """`form.as_p()`, kept per form class and initial values while the form is blank: a page that
    offers the same blank forms on every view (the measure page's three) renders each once per
    process. A filled-in form (shown again with its errors) is rendered as always."""
    if form.is_bound or type(form).__init__ is not forms.Form.__init__:
        return form.as_p()
    try:
        form_class: Any = type(form)
        return _blank_as_p(form_class, tuple(sorted(form.initial.items())))
    except TypeError:  # an initial value that is not hashable
        return form.as_p()


@functools.lru_cache(maxsize=64)
def _blank_as_p(form_class: Any, initial: tuple[tuple[str, Any], ...]) -> SafeString:
    form: forms.BaseForm = form_class(initial=dict(initial))
    return form.as_p()
