"""The architecture holds: layers import only downward, the engine stays pure, no module imports in a circle.

The layers (shared/DESIGN.md), lowest first. A package may import its own layer and any lower one.
Every import counts, including those inside functions: a lazy import that goes up is still a
dependency going the wrong way, and a lazy import that closes a circle is still a circle.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SRC = REPOSITORY / "src"
PACKAGE = SRC / "zhenggai"

LAYERS = [
    "documents",
    "core",
    "orgs",
    "jobs",
    "ledger",
    "notify",
    "meetings",
    "records",
    "reviews",
    "web",
    "<top>",
]
#: What the document engine may import besides the standard library and itself.
ENGINE_THIRD_PARTY = {
    "lxml",
    "docx",
    "openpyxl",
    "python_calamine",
    "olefile",
    "datasketch",
    "numpy",
    "opencc",
    "pypdf",
}
#: Packages that the rest of the code enters only through their __init__ (their façade).
FACADES = ("zhenggai.documents.ledger_xlsx", "zhenggai.documents.docx", "zhenggai.documents.gongwen")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return LAYERS.index("<top>")  # zhenggai, zhenggai.cli, zhenggai.__main__


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth.

    `from pkg import name` counts as importing `pkg.name` when that is a module, else `pkg`.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path) if path.is_relative_to(SRC) else ""
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.append((node.lineno, submodule if submodule in MODULES else target))
    return found


def graph() -> dict[str, set[str]]:
    return {
        name: {target for _, target in imports_of(path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every circle found by a depth-first walk (one per back edge), as the modules along it."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges.get(name, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    return found


def test_every_import_goes_down_the_layers() -> None:
    wrong = [
        f"{path.relative_to(SRC)}:{line}: {name} imports {target}"
        for name, path in MODULES.items()
        for line, target in imports_of(path)
        if target in MODULES and layer_of(target) > layer_of(name)
    ]
    assert wrong == [], "imports that go up the layers " + " > ".join(reversed(LAYERS))


def test_the_engine_imports_no_django_and_no_app() -> None:
    allowed = set(sys.stdlib_module_names) | ENGINE_THIRD_PARTY | {"zhenggai"}
    wrong = sorted(
        {
            f"{path.relative_to(SRC)}:{line}: {target}"
            for path in (PACKAGE / "documents").rglob("*.py")
            for line, target in imports_of(path)
            if target.split(".")[0] not in allowed
            or (target.startswith("zhenggai.") and not target.startswith("zhenggai.documents"))
        }
    )
    assert wrong == []


def test_no_module_imports_in_a_circle() -> None:
    assert [" -> ".join(c) for c in circles(graph())] == []


def test_packages_with_a_facade_are_entered_through_it() -> None:
    reaching = []
    for folder in ("src", "tests", "bench"):
        for path in sorted((REPOSITORY / folder).rglob("*.py")):
            for facade in FACADES:
                inside = path.is_relative_to(SRC.joinpath(*facade.split(".")))
                for line, target in imports_of(path):
                    if not inside and target.startswith(facade + "."):
                        reaching.append(f"{path.relative_to(REPOSITORY)}:{line} imports {target}")
    assert reaching == []


def test_the_checks_see_what_they_should() -> None:
    # A back edge is caught and a downward import is not; a circle is found; the top is the command line.
    assert layer_of("zhenggai.ledger.services") > layer_of("zhenggai.orgs.views")
    assert layer_of("zhenggai.core.views") < layer_of("zhenggai.orgs.views")
    assert layer_of("zhenggai.cli") == len(LAYERS) - 1
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []
