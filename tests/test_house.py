"""Rooms a newcomer can read: short modules, functions that fit on a screen, docstrings that promise.

Every module under SCOPE (migrations aside) has at most MAX_MODULE_LINES lines and a docstring
whose first line sums it up; every function or method at most MAX_FUNCTION_LINES lines; every
public function, class and method a docstring — except the framework's hooks, whose meaning Django
or DRF already defines (FRAMEWORK_HOOKS); and every `# type: ignore` says why beside it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SCOPE = ["src/zhenggai"]
#: Methods that override a Django or DRF hook: the framework's documentation says what they promise.
FRAMEWORK_HOOKS = {
    "handle",
    "add_arguments",
    "ready",
    "has_add_permission",
    "has_change_permission",
    "has_delete_permission",
    "has_view_permission",
    "label_from_instance",
    "get_queryset",
    "to_representation",
}
_IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def modules() -> Iterator[Path]:
    for folder in SCOPE:
        yield from sorted(p for p in (REPOSITORY / folder).rglob("*.py") if "migrations" not in p.parts)


def definitions(node: ast.AST, public: bool = True) -> Iterator[tuple[Definition, bool]]:
    """Each function and class below `node` (methods included, local functions not), and if it is public."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, Definition):
            is_public = public and not child.name.startswith("_") and child.name not in FRAMEWORK_HOOKS
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
    for number, line in enumerate(source.splitlines(), 1):
        ignore = _IGNORE.search(line)
        if ignore and not (ignore.group(1) and ignore.group(2).strip().lstrip("#").strip()):
            yield f"{where}:{number}: a type: ignore needs its error code and, beside it, why"
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
    module.write_text(
        f"def public():\n{long_body}\n\n\nclass Open:\n    def method(self):\n        pass\n\n"
        "    def handle(self):\n        x = 1  # type: ignore[misc]\n"
    )
    assert list(problems_of(module, tmp_path)) == [
        "room.py: no docstring whose first line says what the module is",
        f"room.py:{MAX_FUNCTION_LINES + 9}: a type: ignore needs its error code and, beside it, why",
        f"room.py:1: public has {MAX_FUNCTION_LINES + 1} lines (at most {MAX_FUNCTION_LINES})",
        "room.py:1: public is public but has no docstring saying what it promises",
        f"room.py:{MAX_FUNCTION_LINES + 4}: Open is public but has no docstring saying what it promises",
        f"room.py:{MAX_FUNCTION_LINES + 5}: method is public but has no docstring saying what it promises",
    ]
