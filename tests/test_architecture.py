"""The architecture holds: every package imports only the layers below it, and no module imports in a circle.

The layers (shared/DESIGN.md), lowest first. A package may import its own layer and any lower one.
Every import counts, including those inside functions: a lazy import that goes up is still a
dependency going the wrong way.
"""

from __future__ import annotations

import ast
import sys
import unittest
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "zhenggai"

LAYERS = ["documents", "core", "orgs", "ledger", "meetings", "reviews", "web", "<top>"]
#: What the document engine may import besides the standard library.
ENGINE_THIRD_PARTY = {"lxml", "docx", "openpyxl", "datasketch", "numpy", "opencc"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return LAYERS.index("<top>")  # zhenggai, zhenggai.cli, zhenggai.__main__


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from zhenggai.ledger import services` imports the module zhenggai.ledger.services
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


class ArchitectureTestCase(unittest.TestCase):
    def test_every_import_goes_down_the_layers(self) -> None:
        modules = project_modules()
        wrong = []
        for name, path in sorted(modules.items()):
            for line, target in imports_of(path):
                if target not in modules:
                    continue
                if layer_of(target) > layer_of(name):
                    wrong.append(f"{path.relative_to(SRC)}:{line}: {name} imports {target}")
        self.assertEqual(wrong, [], "imports that go up the layers " + " > ".join(reversed(LAYERS)))

    def test_the_engine_imports_no_django_and_no_app(self) -> None:
        allowed = set(sys.stdlib_module_names) | ENGINE_THIRD_PARTY | {"zhenggai"}
        wrong = []
        for path in sorted((PACKAGE / "documents").rglob("*.py")):
            for line, target in imports_of(path):
                top = target.split(".")[0]
                if top not in allowed or (top == "zhenggai" and not target.startswith("zhenggai.documents")):
                    wrong.append(f"{path.relative_to(SRC)}:{line}: {target}")
        self.assertEqual(sorted(set(wrong)), [])

    def test_the_checker_sees_a_back_edge(self) -> None:
        # The rule itself: an app importing from a higher one is caught, an import downward is not.
        self.assertGreater(layer_of("zhenggai.ledger.errors"), layer_of("zhenggai.orgs.views"))
        self.assertLess(layer_of("zhenggai.core.views"), layer_of("zhenggai.orgs.views"))
        self.assertEqual(layer_of("zhenggai.cli"), len(LAYERS) - 1)
