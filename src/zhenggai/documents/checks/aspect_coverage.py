"""ZG501–ZG503: with a notice, every required aspect answered by a problem item, every item by an aspect."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents.aspects import assign
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.items import is_status_item, problem_items
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Item, Report

_SHORT = 24


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Nothing to check without the notice's aspects, or in documents that are not reports."""
    aspects = context.aspects
    if not aspects or report.kind not in ("report", "other"):
        return
    items = problem_items(report)
    if not items:
        return  # ZG301 already says the problems are missing
    answered = _answers(report, aspects, items)
    line = next(p.line for p in report.parts if p.role == "problems")
    for index, aspect in enumerate(aspects, 1):
        if index - 1 not in answered.values():
            message = f"通知要求的第{index}个方面“{_short(aspect)}”没有对应的问题，请对照这一方面查摆问题"
            yield Finding("ZG501", "warning", message, line, 1, excerpt(aspect))
    for item in items:
        if answered.get(id(item)) is not None:
            continue
        column = item.paragraphs[0].offset + 1 if item.paragraphs else 1
        heading = _short(item.heading)
        if is_status_item(item):
            message = f"“{heading}”不对应通知要求的查摆方面，如属通知要求的专项内容可忽略"
            yield Finding("ZG503", "info", message, item.line, column, excerpt(item.heading))
        else:
            message = f"问题“{heading}”不对应通知要求的任何查摆方面，请按通知的方面归类或改写标题"
            yield Finding("ZG502", "warning", message, item.line, column, excerpt(item.heading))


def _answers(report: Report, aspects: list[str], items: list[Item]) -> dict[int, int | None]:
    """For each item (by id), the index of the aspect it answers, read from the parse when it used them."""
    if report.aspects == aspects:
        return {id(i): i.aspect_index for i in items}
    texts = [_item_text(i) for i in items]
    return {id(i): index for i, (index, _) in zip(items, assign(aspects, texts), strict=True)}


def _item_text(item: Item) -> str:
    heading = item.heading[len(item.marker) :]
    return heading if len(heading) >= 6 else item.text[:200]


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


RULE = Rule(
    "aspect-coverage",
    ("ZG501", "ZG502", "ZG503"),
    "对照通知（--notice）：每个要求查摆的方面都有对应问题，每个问题都对应一个方面",
    check,
)
