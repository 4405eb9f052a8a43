"""The document commands' usual arguments read without argparse, which costs a command's start.

argparse takes about 10 ms to import, to build the commands' parsers and to look for translations
of its messages. A command line such as `zhenggai parse FILE --json` needs none of that: `parse`
reads the arguments of the document commands when they are plain (known options written in full,
each value where it belongs) and returns exactly the namespace argparse would. Anything else —
help, an abbreviated or unknown option, `--`, a missing value, a value starting with "-" —
returns None, and argparse reads the line as it always did, with its messages and its errors.
tests/documents/test_quickargs.py holds the two to the same answers.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from typing import Any

#: How each option of a document command takes its value.
FLAG, VALUE, NUMBER, APPEND, SEVERAL = "flag", "value", "number", "append", "several"

#: Per command: its positional argument (name, and "1" for one value or "*" for any number),
#: its options (every spelling → name, kind), and the options it cannot do without.
_COMMANDS: dict[str, tuple[tuple[str, str], dict[str, tuple[str, str]], tuple[str, ...]]] = {
    "parse": (("file", "1"), {"--json": ("json", FLAG), "--notice": ("notice", VALUE)}, ()),
    "check": (
        ("file", "*"),
        {
            "--jobs": ("jobs", NUMBER),
            "-j": ("jobs", NUMBER),
            "--json": ("json", FLAG),
            "--notice": ("notice", VALUE),
            "--enable": ("enable", APPEND),
            "--disable": ("disable", APPEND),
            "--list-rules": ("list_rules", FLAG),
            "--against": ("against", APPEND),
        },
        (),
    ),
    "similar": (
        ("file", "1"),
        {"--against": ("against", SEVERAL), "--notice": ("notice", VALUE), "--json": ("json", FLAG)},
        ("against",),
    ),
    "feedback": (("file", "1"), {"--json": ("json", FLAG)}, ()),
    "aspects": (("notice", "1"), {"--json": ("json", FLAG)}, ()),
    "render report": (
        ("file", "1"),
        {"-o": ("output", VALUE), "--output": ("output", VALUE), "--numbering": ("numbering", FLAG)},
        ("output",),
    ),
}
_EMPTY = {FLAG: False, VALUE: None, NUMBER: 0, APPEND: None, SEVERAL: None}


class Arguments:
    """The arguments of one command as attributes, the shape of argparse's namespace."""

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:  # only reached for a missing name: for the type checker
        raise AttributeError(name)


def parse(argv: list[str]) -> Arguments | None:
    """The namespace argparse would make of `argv`, or None when argparse has to read it."""
    values: dict[str, object] = {"command": argv[0]} if argv else {}
    if argv[:2] == ["render", "report"]:
        command, rest, values["kind"] = "render report", argv[2:], "report"
    elif argv and argv[0] in _COMMANDS and " " not in argv[0]:
        command, rest = argv[0], argv[1:]
    else:
        return None
    (positional, count), options, required = _COMMANDS[command]
    for name, kind in options.values():
        values[name] = [] if kind == APPEND else _EMPTY[kind]
    found = _read(rest, options, values)
    if found is None or any(values[name] is None for name in required):
        return None
    if count == "1":
        if len(found) != 1:
            return None
        values[positional] = found[0]
    else:
        values[positional] = found
    return Arguments(**values)


def _read(
    rest: list[str], options: dict[str, tuple[str, str]], values: dict[str, object]
) -> list[str] | None:
    """Fill `values` from the options in `rest`; the positional arguments, or None to give up."""
    found: list[str] = []
    runs = 0  # runs of positional arguments: argparse takes only one
    i, previous_positional = 0, False
    while i < len(rest):
        arg = rest[i]
        if not _is_option(arg):
            found.append(arg)
            runs += not previous_positional
            previous_positional = True
            i += 1
            continue
        previous_positional = False
        spelling, has_value, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if spelling not in options:
            return None
        name, kind = options[spelling]
        if kind == FLAG:
            if has_value:
                return None
            values[name] = True
            i += 1
            continue
        taken = [inline] if has_value else []
        i += 1
        while not has_value and i < len(rest) and not _is_option(rest[i]):
            taken.append(rest[i])
            i += 1
            if kind != SEVERAL:
                break
        if not _store(values, name, kind, taken):
            return None
    return found if runs <= 1 else None


def _is_option(arg: str) -> bool:
    """What argparse may read as an option: "-" alone and the empty string are values."""
    return len(arg) > 1 and arg[0] == "-"


def _store(values: dict[str, object], name: str, kind: str, taken: list[str]) -> bool:
    """Keep an option's value(s); False when argparse has to judge them."""
    if not taken:
        return False
    if kind == NUMBER:
        try:
            values[name] = int(taken[0])
        except ValueError:
            return False
    elif kind == APPEND:
        appended = values[name]
        assert isinstance(appended, list)
        appended.append(taken[0])
    else:
        values[name] = taken if kind == SEVERAL else taken[0]
    return True
