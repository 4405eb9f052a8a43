"""The outline read as a report: parts with roles, items, enumerations, claims and placeholders."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.aspects import match_items_to_aspects
from zhenggai.documents.claims import find_claims
from zhenggai.documents.enums import enums_of_texts
from zhenggai.documents.markers import enum_marker_at_start
from zhenggai.documents.model import (
    Block,
    DocumentKind,
    Enum,
    Item,
    Node,
    Paragraph,
    Part,
    Report,
    SourceDocument,
)
from zhenggai.documents.outline import blocks_of, build_tree, descendants, first_sentence_end
from zhenggai.documents.placeholders import find_placeholders
from zhenggai.documents.roles import role_of
from zhenggai.documents.text import is_traditional, simplified

_NOTICE_TITLE = regex.compile(r"通知$|通知[（(]|的通知")
_NOTICE_BODY = regex.compile(r"通知如下|特此通知|现就.{0,20}通知")
_INSPECTION_TITLE = regex.compile(
    r"(?:巡察|巡视|审计|督查).{0,20}(?:整改|反馈)|(?:整改|反馈).{0,20}(?:巡察|巡视|审计|督查)"
)
_UNMARKED_HEADING = regex.compile(r"^[^，,。；：:！？.]{4,24}(?:。|\.(?!\d))")
_STRIP_MARKER_PUNCT = "。：:；;，, "


def parse_document(source: SourceDocument, aspects: list[str] | None = None) -> Report:
    """Understand a document read into paragraphs; match problem items to `aspects` when given."""
    paragraphs = source.paragraphs
    traditional = is_traditional("".join(p.text for p in paragraphs[:40]))
    key: dict[int, str] = {id(p): simplified(p.text) for p in paragraphs} if traditional else {}
    blocks = blocks_of(paragraphs)
    roots = build_tree(blocks)
    top = _top_level(blocks)
    first_part = next(
        (i for i, n in enumerate(roots) if n.block.kind == "heading" and n.block.level == top), None
    )
    preamble_nodes = roots if first_part is None else roots[:first_part]
    part_nodes = [] if first_part is None else roots[first_part:]
    preamble = [_para(n.block) for n in preamble_nodes for n in [n, *descendants(n)]]
    title = _title(preamble)
    kind = _kind(title, preamble, key)

    parts: list[Part] = []
    if part_nodes:
        for node in part_nodes:
            parts.append(_part(node, kind))
    else:
        body = [p for p in paragraphs if p is not (preamble[0] if title and preamble else None)]
        parts.append(Part("", "other", body[0].line if body else 1, "", 0, "", [], body))
        preamble = preamble[:1] if title else []

    previous_lines = {
        p.line for part in parts if part.role == "previous_rectification" for p in part.paragraphs
    }
    report = Report(
        source=source.name,
        title=title,
        kind=kind,
        parts=parts,
        placeholders=find_placeholders(paragraphs),
        claims=find_claims(paragraphs, previous_lines, key),
        paragraphs=paragraphs,
        blocks=blocks,
        preamble=preamble,
    )
    if aspects:
        report.aspects = list(aspects)
        match_items_to_aspects(report, aspects)
    return report


def _top_level(blocks: list[Block]) -> int:
    levels = [b.level for b in blocks if b.kind == "heading"]
    return min(levels) if levels else 0


def _para(block: Block) -> Paragraph:
    return Paragraph(block.text, block.line, block.offset)


def _title(preamble: list[Paragraph]) -> str:
    if not preamble:
        return ""
    first = preamble[0].text
    if len(first) <= 80 and first[-1:] not in "。；：:，,！？" and first_sentence_end(first) == -1:
        return first
    return ""


def _kind(title: str, preamble: list[Paragraph], key: dict[int, str]) -> DocumentKind:
    t = simplified(title) if key else title
    head = "".join(key.get(id(p), p.text) for p in preamble[:6])
    if _NOTICE_TITLE.search(t) or (_NOTICE_BODY.search(head) and "对照检查" not in t):
        return "notice"
    if _INSPECTION_TITLE.search(t):
        return "inspection"
    return "report"


def _part(node: Node, kind: DocumentKind) -> Part:
    block = node.block
    paragraphs = [_para(block), *(_para(n.block) for n in descendants(node))]
    items = _items(node)
    # Headings are short: always match their keywords in Simplified script.
    heading_key = simplified(block.heading)
    role = role_of(
        heading_key[len(block.marker) :][:40].strip(_STRIP_MARKER_PUNCT),
        [simplified(i.heading) for i in items],
        notice=kind == "notice",
    )
    if not items and role in ("problems", "causes", "measures"):
        items = _unmarked_items(node)
    return Part(block.heading, role, block.line, block.marker, block.number, block.style, items, paragraphs)


def _items(part: Node) -> list[Item]:
    """The entries of a part: its sub-headings, else its paragraphs opened by 一是/第一，."""
    headed = [c for c in part.children if c.block.kind == "heading"]
    if headed:
        return [_heading_item(c) for c in headed]
    return _enum_paragraph_items(part)


def _heading_item(node: Node) -> Item:
    block = node.block
    below = descendants(node)
    sub = [n for n in node.children if n.block.kind == "heading"]
    item = Item(
        heading=block.heading,
        line=block.line,
        marker=block.marker,
        number=block.number,
        style=block.style,
        text="\n".join([block.text, *(n.block.text for n in below)]),
        paragraphs=[_para(block), *(_para(n.block) for n in below)],
    )
    if sub:
        item.enums = [Enum(n.block.marker, n.block.text[len(n.block.marker) :], n.block.line) for n in sub]
    else:
        texts = [
            (block.body, block.line, len(block.heading)),
            *((n.block.text, n.block.line, 0) for n in below),
        ]
        item.enums = enums_of_texts(texts)
    return item


def _enum_paragraph_items(part: Node) -> list[Item]:
    """Paragraphs opened by 一是/第一，/首先 in sequence act as the part's items."""
    groups: list[list[Node]] = []
    expected, kind = 1, ""
    for child in part.children:
        marker = enum_marker_at_start(child.block.text)
        if marker is not None and (
            (marker.number == expected and (expected == 1 or marker.kind == kind))
            or (marker.number == 99 and expected > 1 and marker.kind == kind)
        ):
            if marker.number == 1:
                kind = marker.kind
            groups.append([child])
            expected += 1
        elif groups:
            groups[-1].append(child)
    if len(groups) < 2:
        return []
    return [_paragraph_item(group) for group in groups]


def _paragraph_item(group: list[Node]) -> Item:
    block = group[0].block
    end = first_sentence_end(block.text)
    heading = block.text if end == -1 else block.text[:end]
    marker = enum_marker_at_start(block.text)
    mtext = marker.text if marker else ""
    texts = [
        (block.text[len(heading) :], block.line, len(heading)),
        *((n.block.text, n.block.line, 0) for n in group[1:]),
    ]
    return Item(
        heading=heading,
        line=block.line,
        marker=mtext,
        number=marker.number if marker else 0,
        style=f"enum_{marker.kind}" if marker else "enum",
        text="\n".join(n.block.text for n in group),
        paragraphs=[_para(n.block) for n in group],
        enums=[
            e
            for e in enums_of_texts(texts)
            if not (marker and e.marker.endswith(mtext[-1:]) and marker.kind == "shi")
        ],
    )


def _unmarked_items(part: Node) -> list[Item]:
    """Paragraphs opened by a short sentence ending 。 (no marker) act as headings, if several do."""
    bodies = [c for c in part.children if c.block.kind == "body"]
    heads = [c for c in bodies if _UNMARKED_HEADING.match(c.block.text) and len(c.block.text) > 40]
    if len(heads) < 2 or len(heads) * 2 < len(bodies):
        return []
    groups: list[list[Node]] = []
    for child in bodies:
        if child in heads:
            groups.append([child])
        elif groups:
            groups[-1].append(child)
    items = [_paragraph_item(g) for g in groups]
    for item in items:
        item.marker, item.style = "", "unmarked"
    return items
