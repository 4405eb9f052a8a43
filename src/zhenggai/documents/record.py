"""Plain data classes for the engine's hot path, without importing `dataclasses`.

`dataclasses` imports `inspect` (and with it ast, dis, tokenize …): about a fifth of a document
command's start. The classes every command builds (model.py, markers.py, the .docx reader) are
declared with `@record()` instead of `@dataclass(slots=True)`; they behave the same way: the
fields are the annotated class attributes, in order, with their defaults (`field(default_factory=…)`
for a fresh list or dict); `__init__`, `__repr__` and `__eq__` as dataclasses writes them; slots;
`frozen=True` refuses assignment and makes instances hashable. A `__post_init__` runs after
`__init__`. The type checker reads them as dataclasses (typing.dataclass_transform).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_: object) -> Callable[[T], T]:
        """At run time a no-op: the marker only tells the type checker what `record` makes."""
        return lambda function: function


class _Factory:
    """The default of a field made afresh for each instance (`field(default_factory=list)`)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is made by calling `default_factory` for each instance."""
    made: Any = _Factory(default_factory)  # read by `record`, which puts the factory in __init__
    return made  # type: ignore[no-any-return]  # Any on purpose: the field's declared type


@dataclass_transform(field_specifiers=(field,))
def record(*, frozen: bool = False) -> Callable[[type[T]], type[T]]:
    """The class decorator: a slotted data class, frozen (hashable, read-only) when asked."""

    def make(cls: type[T]) -> type[T]:
        return _build(cls, frozen)

    return make


def _build(cls: type[T], frozen: bool) -> type[T]:
    """A new class with slots and the generated methods, from the annotated class `cls`."""
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063  (inspect is the cost avoided)
    names = [name for name, kind in annotations.items() if "ClassVar" not in kind]
    namespace = {k: v for k, v in cls.__dict__.items() if k not in (*names, "__dict__", "__weakref__")}
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    namespace["__slots__"] = tuple(names)
    namespace["__match_args__"] = tuple(names)
    scope: dict[str, object] = {"_MISSING": _MISSING, **{f"_d_{n}": v for n, v in defaults.items()}}
    exec(_source(cls.__qualname__, names, defaults, frozen, "__post_init__" in namespace), scope)
    for method in ("__init__", "__repr__", "__eq__", "__hash__", "__reduce__", "__setattr__", "__delattr__"):
        if method in scope:
            namespace[method] = scope[method]
    if not frozen:
        namespace["__hash__"] = None  # as a dataclass with eq and without frozen: unhashable
    made: Any = type(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    built: type[T] = made
    return built


class _Missing:
    __slots__ = ()


_MISSING = _Missing()


def _source(qualname: str, names: list[str], defaults: dict[str, object], frozen: bool, post: bool) -> str:
    """The Python source of the class's generated methods."""
    params, body = [], []
    for name in names:
        default = defaults.get(name, _MISSING)
        if isinstance(default, _Factory):
            params.append(f"{name}=_MISSING")
            value = f"_d_{name}.make() if {name} is _MISSING else {name}"
        else:
            params.append(name if default is _MISSING else f"{name}=_d_{name}")
            value = name
        setter = f"object.__setattr__(self, {name!r}, {value})" if frozen else f"self.{name} = {value}"
        body.append(f"    {setter}")
    if post:
        body.append("    self.__post_init__()")
    values = "(" + "".join(f"self.{n}, " for n in names) + ")"
    shown = ", ".join(f"{n}={{self.{n}!r}}" for n in names)
    lines = [
        f"def __init__(self, {', '.join(params)}):" if names else "def __init__(self):",
        *(body or ["    pass"]),
        "def __repr__(self):",
        f"    return f'{qualname}({shown})'",
        "def __eq__(self, other):",
        f"    return {values} == (other.{', other.'.join(names)},) if other.__class__ is self.__class__ else NotImplemented"
        if names
        else "    return True if other.__class__ is self.__class__ else NotImplemented",
        "def __reduce__(self):",
        f"    return (self.__class__, {values})",
    ]
    if frozen:
        lines += [
            "def __hash__(self):",
            f"    return hash({values})",
            "def __setattr__(self, name, value):",
            "    raise AttributeError(f'cannot assign to field {name!r}')",
            "def __delattr__(self, name):",
            "    raise AttributeError(f'cannot delete field {name!r}')",
        ]
    return "\n".join(lines) + "\n"
