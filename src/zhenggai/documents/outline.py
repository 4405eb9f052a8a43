"""Paragraphs → a flat list of outline blocks (heading or body, with marker and level) → a tree."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.markers import match_marker
from zhenggai.documents.model import Block, Node, Paragraph

_CLOSERS = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "（": "）", "(": ")"}
_HEADING_END = "。：:！？!?"
#: The characters _sentence_end looks at, with quotes and brackets and without.
_STOPS = regex.compile(f"[{_HEADING_END}.]")
_QUOTED_STOPS = regex.compile(f"[{_HEADING_END}.{''.join(_CLOSERS)}{''.join(_CLOSERS.values())}]")


def first_sentence_end(text: str, start: int = 0) -> int:
    """Index just past the first sentence end (。：！？) outside quotes and brackets, or -1."""
    end = _sentence_end(text, start, quotes=True)
    return _sentence_end(text, start, quotes=False) if end == -1 else end


def _sentence_end(text: str, start: int, quotes: bool) -> int:
    expect: list[str] = []
    # Only the characters the loop acts on: the regular expression skips the rest in C.
    for m in (_QUOTED_STOPS if quotes else _STOPS).finditer(text, start):
        i = m.start()
        ch = text[i]
        if expect and ch == expect[-1]:
            expect.pop()
        elif quotes and ch in _CLOSERS:
            expect.append(_CLOSERS[ch])
        elif ch in _HEADING_END and not expect:
            if ch == ":" and i + 1 < len(text) and text[i + 1] in "0123456789":
                continue  # 10:30 is a time, not the end of a heading
            return i + 1
        elif ch == "." and not expect and _ascii_full_stop(text, i):
            return i + 1
    return -1


def _ascii_full_stop(text: str, i: int) -> bool:
    """A "." that ends a sentence (text whose full-width punctuation became ASCII), not 1.5 or a.b."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def classify(paragraph: Paragraph) -> Block:
    """One paragraph as an outline block."""
    text = paragraph.text
    marker = match_marker(text)
    if marker is None:
        return Block("body", text, paragraph.line, offset=paragraph.offset)
    end = first_sentence_end(text, len(marker.text))
    heading = text if end == -1 or end == len(text) else text[:end]
    return Block(
        "heading",
        text,
        paragraph.line,
        level=marker.level,
        marker=marker.text,
        style=marker.style,
        number=marker.number,
        heading=heading,
        run_in=heading != text,
        offset=paragraph.offset,
    )


def blocks_of(paragraphs: list[Paragraph]) -> list[Block]:
    """The flat outline: one block per paragraph, in order."""
    return [classify(p) for p in paragraphs]


def build_tree(blocks: list[Block]) -> list[Node]:
    """Nest blocks by level: a heading holds what follows until a heading of its level or above.

    Levels may be skipped (a 1. directly under 一、): a heading goes under the nearest open heading
    of a smaller level. Body blocks go under the innermost open heading.
    """
    roots: list[Node] = []
    stack: list[Node] = []
    for block in blocks:
        node = Node(block)
        if block.kind == "heading":
            while stack and stack[-1].block.level >= block.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        else:
            (stack[-1].children if stack else roots).append(node)
    return roots


def descendants(node: Node) -> list[Node]:
    """Every node below `node`, in document order."""
    out: list[Node] = []
    todo = list(reversed(node.children))
    while todo:
        n = todo.pop()
        out.append(n)
        todo.extend(reversed(n.children))
    return out
