"""Plain data classes for the engine's hot path, without importing `dataclasses`.

`dataclasses` imports `inspect` (and with it ast, dis, tokenize …): about a fifth of a document
command's start. The classes every command builds (model.py, markers.py, the .docx reader) are
declared with `@record()` instead of `@dataclass(slots=True)`; they behave the same way: the
fields are the annotated class attributes, in order, with their defaults (`field(default_factory=…)`
for a fresh list or dict); `__init__`, `__repr__` and `__eq__` as dataclasses writes them; slots;
`frozen=True` refuses assignment and makes instances hashable; a `__post_init__` runs after
`__init__`; instances pickle and copy. The type checker reads them as dataclasses
(typing.dataclass_transform). Each class's `__init__` is compiled on its first instance, and the
other methods are shared (tests/documents/test_record.py).
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
    names = tuple(name for name, kind in annotations.items() if "ClassVar" not in kind)
    namespace = {k: v for k, v in cls.__dict__.items() if k not in (*names, "__dict__", "__weakref__")}
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    namespace["__slots__"] = namespace["__match_args__"] = names
    namespace["__init__"] = _first_init(names, defaults, frozen, "__post_init__" in namespace)
    if not frozen:
        namespace["__hash__"] = None  # as a dataclass with eq and without frozen: unhashable
    bases = tuple(b for b in cls.__bases__ if b is not object)
    made: Any = type(cls.__name__, (*bases, _Frozen if frozen else _Record), namespace)
    made.__qualname__ = cls.__qualname__
    built: type[T] = made
    return built


class _Record:
    """What every record does with its fields (the names in __slots__)."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__match_args__)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        fields = self.__match_args__
        return tuple(getattr(self, n) for n in fields) == tuple(getattr(other, n) for n in fields)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, n) for n in self.__match_args__)


class _Frozen(_Record):
    """A record whose fields cannot change once made; hashable."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__match_args__))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")


class _Missing:
    __slots__ = ()


_MISSING = _Missing()


def _first_init(names: tuple[str, ...], defaults: dict[str, object], frozen: bool, post: bool) -> Any:
    """An __init__ that, on the first instance, compiles the class's own and puts it in its place.

    Compiling costs a fraction of a millisecond per class: a command pays it only for the classes it uses.
    """

    def __init__(self: Any, *args: object, **kwargs: object) -> None:
        scope: dict[str, object] = {"_MISSING": _MISSING, **{f"_d_{n}": v for n, v in defaults.items()}}
        exec(_init_source(names, defaults, frozen, post), scope)
        init: Any = scope["__init__"]
        type(self).__init__ = init
        init(self, *args, **kwargs)

    return __init__


def _init_source(names: tuple[str, ...], defaults: dict[str, object], frozen: bool, post: bool) -> str:
    """The Python source of a record's __init__, as dataclasses writes it."""
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
    return f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n"
