"""`dict|get_item:key` for templates that look rows up by id."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    """`mapping[key]`; None when the key is missing or there is no mapping."""
    return (mapping or {}).get(key)
