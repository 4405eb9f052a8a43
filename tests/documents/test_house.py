"""Rooms a newcomer can read: short modules, functions that fit on a screen, docstrings that promise.

Every module under SCOPE has at most MAX_MODULE_LINES lines and a docstring whose first line sums
it up; every function or method at most MAX_FUNCTION_LINES lines; every public function, class
and method a docstring. SCOPE is a list of folders (from the repository root) so it can grow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SCOPE = ["src/zhenggai/documents"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def modules() -> Iterator[Path]:
    for folder in SCOPE:
        yield from sorted((REPOSITORY / folder).rglob("*.py"))


def definitions(node: ast.AST, public: bool = True) -> Iterator[tuple[Definition, bool]]:
    """Each function and class below `node` (methods included, local functions not), and if it is public."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, Definition):
            is_public = public and not child.name.startswith("_")
            yield child, is_public
            if isinstance(child, ast.ClassDef):
                yield from definitions(child, is_public)


def problems_of(path: Path, root: Path = REPOSITORY) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        yield f"{where}: {lines} lines (at most {MAX_MODULE_LINES}): two ideas share a room"
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    if not docstring or not docstring.splitlines()[0].strip():
        yield f"{where}: no docstring whose first line says what the module is"
    for node, public in definitions(tree):
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if not isinstance(node, ast.ClassDef) and length > MAX_FUNCTION_LINES:
            yield f"{where}:{node.lineno}: {node.name} has {length} lines (at most {MAX_FUNCTION_LINES})"
        if public and ast.get_docstring(node) is None:
            yield f"{where}:{node.lineno}: {node.name} is public but has no docstring saying what it promises"


def test_every_module_function_and_public_name_in_scope_is_readable() -> None:
    found = [problem for path in modules() for problem in problems_of(path)]
    assert found == [], "\n".join(found)


def test_the_house_rules_catch_what_they_should(tmp_path: Path) -> None:
    long_body = "\n".join(f"    x = {i}" for i in range(MAX_FUNCTION_LINES))
    module = tmp_path / "room.py"
    module.write_text(f"def public():\n{long_body}\n\n\nclass Open:\n    def method(self):\n        pass\n")
    assert list(problems_of(module, tmp_path)) == [
        "room.py: no docstring whose first line says what the module is",
        f"room.py:1: public has {MAX_FUNCTION_LINES + 1} lines (at most {MAX_FUNCTION_LINES})",
        "room.py:1: public is public but has no docstring saying what it promises",
        f"room.py:{MAX_FUNCTION_LINES + 4}: Open is public but has no docstring saying what it promises",
        f"room.py:{MAX_FUNCTION_LINES + 5}: method is public but has no docstring saying what it promises",
    ]
