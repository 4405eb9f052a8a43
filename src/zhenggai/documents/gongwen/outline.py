"""A report as an outline to write (个人对照检查材料 and any other report), and back from a parsed one.

The structured form is what the writer needs and what parsing gives back: the title, the paragraphs
before the first heading, and the headings as a tree — each with its text (without its marker: the
writer numbers them 一、（一）1.（1）① by depth), the body that runs on in the heading's paragraph,
and its content (body paragraphs and lower headings, in order). `outline_of_report` reads it from a
parsed report, `write_outline` writes it; parsing the written file gives back the same outline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhenggai.documents.gongwen.document import GongwenDocument
from zhenggai.documents.gongwen.style import DEFAULT_STYLE, HouseStyle
from zhenggai.documents.model import Node, Report
from zhenggai.documents.outline import build_tree


@dataclass(slots=True)
class Section:
    """A heading and what lies under it: body paragraphs (str) and lower sections, in order."""

    heading: str
    run_on: str = ""
    content: list[str | Section] = field(default_factory=list)


@dataclass(slots=True)
class Outline:
    """A report to write: title, paragraphs before the first heading, the top-level sections."""

    title: str
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def outline_of_report(report: Report) -> Outline:
    """The structured form of a parsed report (heading markers dropped: the writer renumbers)."""
    roots = build_tree(report.blocks)
    preamble: list[str] = []
    sections: list[Section] = []
    for node in roots:
        if node.block.kind == "heading":
            sections.append(_section(node))
        elif sections:  # a body block at the top after a heading cannot happen; keep it anyway
            sections[-1].content.append(node.block.text)
        else:
            preamble.append(node.block.text)
    title = ""
    if report.title and preamble and preamble[0] == report.title:
        title = preamble.pop(0)
    return Outline(title, preamble, sections)


def _section(node: Node) -> Section:
    block = node.block
    section = Section(block.heading[len(block.marker) :], block.text[len(block.heading) :])
    for child in node.children:
        if child.block.kind == "heading":
            section.content.append(_section(child))
        else:
            section.content.append(child.block.text)
    return section


def write_outline(outline: Outline, house: HouseStyle = DEFAULT_STYLE, *, numbering: bool = False) -> bytes:
    """The outline as a .docx laid out by GB/T 9704 (Word automatic numbering when `numbering`)."""
    document = GongwenDocument(house, numbering=numbering)
    if outline.title:
        document.title(outline.title)
    for text in outline.preamble:
        document.paragraph(text)
    todo: list[tuple[int, str | Section]] = [(0, s) for s in reversed(outline.sections)]
    while todo:
        depth, entry = todo.pop()
        if isinstance(entry, str):
            document.paragraph(entry)
            continue
        document.heading(depth, entry.heading, entry.run_on)
        todo.extend((depth + 1, child) for child in reversed(entry.content))
    return document.to_bytes()


def write_report(report: Report, house: HouseStyle = DEFAULT_STYLE, *, numbering: bool = False) -> bytes:
    """A parsed report (an upload or the browser editor's) written as a .docx by GB/T 9704."""
    return write_outline(outline_of_report(report), house, numbering=numbering)
