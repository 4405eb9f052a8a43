"""Build real .docx files in memory for tests: python-docx for the package, raw XML for numbering.

Small API, meant for reuse by any test that needs a .docx:

- `build_docx(paragraphs, numbering_xml=None, styles_extra=None)`: a paragraph is a plain `str`,
  a `(text, num_id, ilvl)` tuple for direct automatic numbering, or a `Para` for a paragraph style.
- `level()`, `abstract_num()`, `num()`: pieces of numbering.xml; join them into `numbering_xml`
  (abstractNums first, then nums, as Word requires).
- `build_docx_body(body_xml)`: a .docx whose w:body holds exactly `body_xml` (prefix w: bound),
  for tracked changes, content controls, text boxes and other raw constructs.
- `replace_part(data, member, content)`: the same package with one member replaced or added.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)


@dataclass(frozen=True)
class Para:
    """A paragraph with a paragraph style (its w:styleId) and optional direct numbering."""

    text: str
    style: str | None = None
    num_id: int | None = None
    ilvl: int | None = None


Paragraph = str | tuple[str, int, int] | Para


def level(
    ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, legal: bool = False
) -> str:
    """One w:lvl: numFmt `fmt`, lvlText `text` (e.g. "%1、"), counting from `start`."""
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += "<w:isLgl/>" if legal else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def abstract_num(abstract_id: int, *levels: str) -> str:
    """A w:abstractNum holding the given `level()` strings."""
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    """A w:num pointing at `abstract_id`, with w:startOverride per level if given."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def build_docx(
    paragraphs: Iterable[Paragraph], numbering_xml: str | None = None, styles_extra: str | None = None
) -> bytes:
    """A .docx with `paragraphs`; `numbering_xml` replaces numbering.xml (the inner XML or a whole part),
    `styles_extra` (w:style elements) is appended to styles.xml."""
    document = docx.Document()
    for item in paragraphs:
        para = _as_para(item)
        p = document.add_paragraph(para.text)
        ppr = p._p.get_or_add_pPr()
        if para.num_id is not None:
            numpr = OxmlElement("w:numPr")
            for tag, value in (("w:ilvl", para.ilvl or 0), ("w:numId", para.num_id)):
                child = OxmlElement(tag)
                child.set(qn("w:val"), str(value))
                numpr.append(child)
            ppr.insert(0, numpr)
        if para.style is not None:
            pstyle = OxmlElement("w:pStyle")
            pstyle.set(qn("w:val"), para.style)
            ppr.insert(0, pstyle)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if numbering_xml is not None:
        data = replace_part(data, "word/numbering.xml", _numbering_part(numbering_xml))
    if styles_extra:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            styles = package.read("word/styles.xml").decode()
        closing = styles.rindex("</w:styles>")
        data = replace_part(data, "word/styles.xml", styles[:closing] + styles_extra + styles[closing:])
    return data


def build_docx_body(body_xml: str, numbering_xml: str | None = None) -> bytes:
    """A .docx whose document.xml body is exactly `body_xml` (w:, mc:, v:, wps:, m: prefixes bound)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NAMESPACES}><w:body>{body_xml}</w:body></w:document>"
    )
    data = replace_part(build_docx([]), "word/document.xml", document)
    if numbering_xml is not None:
        data = replace_part(data, "word/numbering.xml", _numbering_part(numbering_xml))
    return data


def replace_part(data: bytes, member: str, content: str | bytes) -> bytes:
    """The package `data` with `member` replaced (or added) by `content`."""
    raw = content.encode() if isinstance(content, str) else content
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(member, raw)
    return out.getvalue()


def _as_para(item: Paragraph) -> Para:
    if isinstance(item, Para):
        return item
    if isinstance(item, str):
        return Para(item)
    text, num_id, ilvl = item
    return Para(text, num_id=num_id, ilvl=ilvl)


def _numbering_part(xml: str) -> str:
    if xml.lstrip().startswith(("<?xml", "<w:numbering")):
        return xml
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:numbering xmlns:w="{W_NS}">{xml}</w:numbering>'
    )
