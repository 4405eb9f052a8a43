"""The engine's regular expressions, compiled once per machine rather than once per command.

Compiling a pattern with Chinese character classes builds a 64 K character map in pure Python:
the engine's hundred patterns took most of a command's start. `compile` keeps what Python's
compiler made of each pattern (its code) in a file beside the user's other caches, keyed by the
Python version, and rebuilds the pattern from it on the next start, which costs microseconds.
Any mismatch — another Python, a damaged file, a pattern not yet seen — compiles as usual;
ZHENGGAI_REGEX_CACHE=0 turns the cache off.

When every pattern comes from the cache, `re` itself is never imported (with enum, functools and
collections it is a tenth of a command's start): the flags callers need are here as numbers.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    import re
    from typing import Any

#: re.IGNORECASE, re.MULTILINE, re.DOTALL, re.ASCII as plain numbers (the same values).
IGNORECASE, MULTILINE, DOTALL, ASCII = 2, 8, 16, 256

_sre: Any
try:
    import _sre  # type: ignore[import-not-found,no-redef]  # CPython's regex engine, untyped
except ImportError:  # another Python implementation: no cache
    _sre = None

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_entries: dict[tuple[str, int], _Entry] | None = None
_new = False


def cache_path() -> str | None:
    """The cache file of this Python, or None when the cache is off (os.path: pathlib costs a start)."""
    if os.environ.get("ZHENGGAI_REGEX_CACHE", "1") == "0" or _sre is None:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "zhenggai", f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal")


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache when this Python compiled it before."""
    entries = _load()
    entry = entries.get((pattern, int(flags)))
    if entry is not None:
        try:
            compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
            return compiled
        except Exception:  # a stale or damaged entry: compile it again
            del entries[(pattern, int(flags))]
    made = _compile_and_keep(pattern, flags, entries)
    if made is not None:
        return made
    import re

    return re.compile(pattern, flags)


def _compile_and_keep(
    pattern: str, flags: int, entries: dict[tuple[str, int], _Entry]
) -> re.Pattern[str] | None:
    """What re.compile does (Python 3.11–3.13), keeping the code it gives _sre."""
    global _new
    if cache_path() is None:
        return None
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]  # private: failures fall back

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: _Entry = (
            int(flags | parsed.state.flags),
            [int(c) for c in code],  # opcodes are int subclasses: plain ints marshal
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
    except Exception:  # another Python's internals: the cache steps aside
        return None
    entries[(pattern, int(flags))] = entry
    if not _new:
        _new = True
        atexit.register(_save)
    return compiled


def _load() -> dict[tuple[str, int], _Entry]:
    global _entries
    if _entries is None:
        _entries = {}
        path = cache_path()
        if path is not None:
            try:
                with open(path, "rb") as cache:
                    loaded: Any = marshal.loads(cache.read())
                if isinstance(loaded, dict):
                    _entries = loaded
            except Exception:  # a missing or damaged cache is an empty one (contextlib: a start cost)
                _entries = {}
    return _entries


def _save() -> None:
    """Write the cache once at exit, atomically; a read-only home leaves it unwritten."""
    path = cache_path()
    if path is None or _entries is None:
        return
    import contextlib
    import tempfile

    with contextlib.suppress(OSError, ValueError):
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        data = marshal.dumps(_entries)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".regex-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
