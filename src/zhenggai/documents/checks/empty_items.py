"""ZG703: a heading with nothing below it (an item or part left empty)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Block, Report
from zhenggai.documents.outline import build_tree


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Only reports: in notices, one-line headings (（一）深入学习研讨。) are complete on their own."""
    if report.kind != "report":
        return
    todo = list(build_tree(report.blocks))
    while todo:
        node = todo.pop()
        todo.extend(node.children)
        block = node.block
        if block.kind != "heading" or block.run_in or node.children or not _expects_content(block):
            continue
        message = f"标题“{block.heading.strip()}”下没有内容，请补写或删去该标题"
        yield Finding(
            "ZG703",
            "warning",
            message,
            block.line,
            block.offset + 1,
            excerpt(block.text),
        )


def _expects_content(block: Block) -> bool:
    """A heading that announces content: it ends with ：, or with no closing punctuation at all.

    A heading that ends with 。 and has nothing below may be a one-sentence measure: not flagged.
    """
    text = block.heading[len(block.marker) :].strip()
    return bool(text) and text[-1] not in "。！？；;，,…!?.．）)”"


RULE = Rule("empty-items", ("ZG703",), "标题下没有内容（空的条目或部分）", check)
