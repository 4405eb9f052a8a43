"""A document command loads the engine only: no Django, and none of the heavy standard modules it needs not.

Whole processes, as a user runs them; what is asserted is the set of modules loaded, never a time
(bench/cli.py measures the start).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "zhenggai" / "examples"
SEED, NOTICE = EXAMPLES / "seed.txt", EXAMPLES / "seed-notice.txt"

#: Runs one command through the console entry point and prints the modules it loaded, as JSON.
PROGRAM = """
import io, sys
from zhenggai.cli import main
sys.stdout = io.TextIOWrapper(io.BytesIO())  # the command's own output is not the point here
status = main(sys.argv[1:])
sys.__stdout__.write(" ".join([str(status), *sorted(sys.modules)]))
"""
#: What a document command must never load: the web system, and what the engine's start avoids.
HEAVY = {"argparse", "dataclasses", "inspect", "typing", "pathlib", "re", "collections", "functools"}


def modules_of(*args: str, cache: Path) -> set[str]:
    """The modules loaded by `zhenggai ARGS`, run in a fresh Python with a warm pattern cache."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    for _ in range(2):  # the first run fills the pattern cache, as any first run on a machine does
        result = subprocess.run(
            [sys.executable, "-c", PROGRAM, *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    status, *modules = result.stdout.split()
    assert status in ("0", "1")
    return set(modules)


@pytest.mark.parametrize(
    "args",
    [
        ("parse", str(SEED), "--json"),
        ("parse", str(SEED), "--notice", str(NOTICE)),
        ("check", str(SEED), "--notice", str(NOTICE)),
        ("aspects", str(NOTICE)),
        ("feedback", str(SEED)),
    ],
)
def test_a_document_command_imports_no_django(args: tuple[str, ...], tmp_path: Path) -> None:
    loaded = modules_of(*args, cache=tmp_path)
    assert "zhenggai.documents.report" in loaded or args[0] != "parse"
    assert not {m for m in loaded if m == "django" or m.startswith(("django.", "zhenggai.web"))}


@pytest.mark.parametrize(
    "args", [("parse", str(SEED), "--json"), ("parse", str(SEED)), ("aspects", str(NOTICE))]
)
def test_parse_loads_none_of_the_heavy_standard_modules(args: tuple[str, ...], tmp_path: Path) -> None:
    assert modules_of(*args, cache=tmp_path) & HEAVY == set()


def test_help_still_comes_from_argparse(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zhenggai", "parse", "--help"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "--notice" in result.stdout
