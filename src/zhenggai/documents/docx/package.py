"""The parts of a .docx package: the main document, its numbering and styles, found as Word finds them."""

from __future__ import annotations

import posixpath

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import SafeZip, parse_xml

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def main_part(package: SafeZip, name: str) -> str:
    """The main document part, as the package relationships name it (word/document.xml as a rule)."""
    if package.has("word/document.xml"):  # the rule; relationships only for the odd package
        return "word/document.xml"
    target = _relationship_targets(package, "", "_rels/.rels", name).get("officeDocument")
    if target and package.has(target) and not target.startswith(("xl/", "ppt/")):
        return target
    raise DocumentError(not_word(package, name))


def numbering_parts(package: SafeZip, main: str, name: str) -> tuple[str | None, str | None]:
    """The numbering and styles parts of the document whose main part is `main` (None: missing)."""
    base = posixpath.dirname(main)
    part, style_part = posixpath.join(base, "numbering.xml"), posixpath.join(base, "styles.xml")
    if not (package.has(part) and package.has(style_part)):  # unusual names: ask the relationships
        rels = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
        targets = _relationship_targets(package, base, rels, name)
        part = targets.get("numbering") or part
        style_part = targets.get("styles") or style_part
    return (part if package.has(part) else None), (style_part if package.has(style_part) else None)


def _relationship_targets(package: SafeZip, base: str, rels: str, name: str) -> dict[str, str]:
    """Map the last segment of each relationship type to its internal target part name."""
    if not package.has(rels):
        return {}
    root = parse_xml(package.read(rels, limit=4 * 1024 * 1024), name)
    found: dict[str, str] = {}
    for rel in root.iter(_REL):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target")
        if not target or rel.get("TargetMode") == "External" or kind in found:
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(base, target)
        found[kind] = posixpath.normpath(path)
    return found


def not_word(package: SafeZip, name: str) -> str:
    """The message for a package that holds no Word document, naming what it holds instead if known."""
    names = package.names()
    if any(n.startswith("xl/") for n in names):
        kind = "Excel 表格（.xlsx）"
    elif any(n.startswith("ppt/") for n in names):
        kind = "PowerPoint 演示文稿（.pptx）"
    elif package.has("mimetype") and package.read("mimetype", limit=1024).startswith(
        b"application/vnd.oasis.opendocument"
    ):
        kind = "OpenDocument 文件（.odt 等）"
    else:
        return f"“{name}”不是 Word 文档（找不到 Word 正文部分 word/document.xml）。请用 Word 打开后另存为 .docx 再上传。"
    return f"“{name}”实际上是{kind}，不是 Word 文档。请上传对照检查材料的 .docx 文件，或用 Word 另存为 .docx 再上传。"
