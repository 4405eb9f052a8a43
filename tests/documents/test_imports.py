"""The engine's imports: they look only inside the engine and never go round in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import zhenggai.documents

ROOT = Path(zhenggai.documents.__file__).parent
PACKAGE = "zhenggai.documents"
REPOSITORY = Path(__file__).resolve().parents[2]
#: Packages of the engine that the rest of the code enters only through their __init__ (façade).
FACADES = ("zhenggai.documents.ledger_xlsx", "zhenggai.documents.docx")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function; `from pkg import mod` names mod."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


GRAPH = {name: {m for m in imported(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_engine_imports_nothing_of_the_system_around_it() -> None:
    outside = {
        name: sorted(m for m in imported(path) if m.split(".")[0] in ("django", "rest_framework"))
        + sorted(m for m in imported(path) if m.startswith("zhenggai.") and not m.startswith(PACKAGE))
        for name, path in MODULES.items()
    }
    assert {name: found for name, found in outside.items() if found} == {}


def test_the_engine_imports_form_no_circle() -> None:
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise AssertionError("import circle: " + " -> ".join((*path[path.index(name) :], name)))
        if name in done:
            return
        for target in sorted(GRAPH[name]):
            visit(target, (*path, name))
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, ())


def test_packages_with_a_facade_are_entered_through_it() -> None:
    reaching: list[str] = []
    for folder in ("src", "tests", "bench"):
        for path in sorted((REPOSITORY / folder).rglob("*.py")):
            for facade in FACADES:
                inside = path.is_relative_to(ROOT.joinpath(*facade.split(".")[2:]))
                for name in imported(path):
                    if not inside and name.startswith(facade + "."):
                        reaching.append(f"{path.relative_to(REPOSITORY)} imports {name}")
    assert reaching == []
