"""`json.dumps(value, ensure_ascii=False, indent=…)` for the commands' output, without importing json.

`import json` imports `re` (for its decoder), and with it enum, functools and collections: a good
part of what `zhenggai parse --json` would spend before reading anything. The commands print only
dicts with string keys, lists, strings, integers, floats, booleans and None; this writes them
exactly as the json module does (tests/documents/test_jsontext.py holds it to that), using the
json package's own C string escaper, and hands anything else to the json module.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from collections.abc import Callable

_quote: Callable[[str], str]
try:
    from _json import encode_basestring as _quote  # the C escaper json.dumps(ensure_ascii=False) uses
except ImportError:  # pragma: no cover - another Python implementation
    _quote = None  # type: ignore[assignment]  # then every value goes to the json module


class _Other(Exception):
    """A value this writer leaves to the json module."""


def dumps(value: object, indent: int | None = None) -> str:
    """The JSON text of `value` as `json.dumps(value, ensure_ascii=False, indent=indent)` writes it."""
    if _quote is not None:
        try:
            out: list[str] = []
            _write(value, out, None if indent is None else " " * indent, "\n")
            return "".join(out)
        except _Other:
            pass
    import json

    return json.dumps(value, ensure_ascii=False, indent=indent)


def _write(value: object, out: list[str], step: str | None, newline: str) -> None:
    """Append the JSON of `value`; `newline` is the line break and indentation of its level."""
    if isinstance(value, str):
        out.append(_quote(value))
    elif value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif type(value) is float and value == value and value not in (float("inf"), float("-inf")):
        out.append(float.__repr__(value))
    elif isinstance(value, list | tuple | dict) and not value:
        out.append("{}" if isinstance(value, dict) else "[]")
    elif isinstance(value, list | tuple | dict):
        if isinstance(value, dict) and not all(type(k) is str for k in value):
            raise _Other
        inner = newline if step is None else newline + step
        opening, between, closing = ("", ", ", "") if step is None else (inner, "," + inner, newline)
        out.append(("{" if isinstance(value, dict) else "[") + opening)
        for i, item in enumerate(value.items() if isinstance(value, dict) else value):
            if i:
                out.append(between)
            if isinstance(value, dict):
                out.append(_quote(item[0]) + ": ")
                item = item[1]
            _write(item, out, step, inner)
        out.append(closing + ("}" if isinstance(value, dict) else "]"))
    else:
        raise _Other
