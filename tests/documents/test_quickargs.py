"""The quick reading of the document commands' arguments answers as argparse does, or leaves it to argparse."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhenggai.documents import quickargs
from zhenggai.documents.cli_parser import build_parser

#: Words a command line of the document commands is made of, the awkward ones included.
WORDS = [
    "a.txt",
    "b.docx",
    "-",
    "",
    "--json",
    "--js",
    "--notice",
    "--notice=n.txt",
    "--notice=",
    "--jobs",
    "--jobs=3",
    "-j",
    "-j2",
    "3",
    "-1",
    "x",
    "--enable",
    "--disable",
    "ZG101",
    "--list-rules",
    "--against",
    "--against=d",
    "-o",
    "--output",
    "--output=o.docx",
    "--numbering",
    "-h",
    "--help",
    "--",
    "--unknown",
    "report",
]
COMMANDS = [["parse"], ["check"], ["similar"], ["feedback"], ["aspects"], ["render", "report"], ["render"]]


def argparse_answer(argv: list[str]) -> dict[str, object] | None:
    """argparse's namespace as a dict, or None when it stops (an error or help)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return vars(build_parser().parse_args(argv))
        except SystemExit:
            return None


def assert_agrees(argv: list[str]) -> bool:
    """The quick reading is argparse's answer, or it gives up; True when it answered."""
    quick = quickargs.parse(argv)
    if quick is None:
        return False
    assert vars(quick) == argparse_answer(argv), argv
    return True


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "a.txt"],
        ["parse", "--json", "a.txt"],
        ["parse", "a.txt", "--json", "--notice", "n.txt"],
        ["parse", "a.txt", "--notice=n.txt"],
        ["check", "a.txt", "b.docx", "--json", "-j", "2"],
        ["check", "--json", "a.txt", "b.docx"],
        ["check", "--list-rules"],
        ["check", "a.txt", "--enable", "ZG101", "--enable", "placeholders", "--disable", "ZG704"],
        ["check", "a.txt", "--against", "old", "--against", "mates", "--jobs=-1"],
        ["similar", "a.txt", "--against", "x", "y", "z", "--json"],
        ["similar", "--notice", "n.txt", "a.txt", "--against", "x"],
        ["feedback", "f.txt", "--json"],
        ["aspects", "n.txt"],
        ["render", "report", "a.txt", "-o", "-"],
        ["render", "report", "--numbering", "a.txt", "--output", "out.docx"],
    ],
)
def test_plain_command_lines_are_read_as_argparse_reads_them(argv: list[str]) -> None:
    assert assert_agrees(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["parse"],
        ["parse", "a.txt", "b.txt"],
        ["parse", "--js", "a.txt"],
        ["parse", "-h"],
        ["parse", "--", "a.txt"],
        ["parse", "a.txt", "--notice"],
        ["parse", "a.txt", "--json=yes"],
        ["check", "a.txt", "--json", "b.txt"],
        ["check", "-j", "many"],
        ["check", "-j2"],
        ["similar", "a.txt"],
        ["similar", "--against", "x", "a.txt"],
        ["render", "report", "a.txt"],
        ["render", "plan"],
        ["ledger", "import"],
        [],
    ],
)
def test_anything_unusual_is_left_to_argparse(argv: list[str]) -> None:
    assert quickargs.parse(argv) is None


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(COMMANDS), st.lists(st.sampled_from(WORDS), max_size=7))
def test_any_command_line_is_read_as_argparse_reads_it_or_left_to_it(
    command: list[str], words: list[str]
) -> None:
    assert_agrees([*command, *words])
