"""The items the rules compare: problem items, aspect-like items, status sections, measures."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.model import Item, Report

#: "（七）巡察反馈情况。": a section reporting a status, not a problem answering an aspect.
_STATUS = regex.compile(r"情况[。：:；]?$")


#: The opening words of an inspection rectification document (its title, even run into the text).
_INSPECTION_OPENING = regex.compile(r"(?:巡察|巡视|审计|督查)[^。]{0,20}(?:整改|反馈)")


def is_report(report: Report) -> bool:
    """A self-examination report: not a notice, not an inspection document (even with a damaged title)."""
    if report.kind != "report":
        return False
    first = report.paragraphs[0].text[:60] if report.paragraphs else ""
    return _INSPECTION_OPENING.search(first) is None


def problem_items(report: Report) -> list[Item]:
    """Every item of the problems parts."""
    return [i for p in report.parts if p.role == "problems" for i in p.items]


def measure_items(report: Report) -> list[Item]:
    """Every item of the measures parts."""
    return [i for p in report.parts if p.role == "measures" for i in p.items]


def aspect_items(report: Report) -> list[Item]:
    """Problem items that answer an aspect (or say 方面); all problem items when none does."""
    items = problem_items(report)
    aspect_like = [i for i in items if i.aspect is not None or "方面" in i.heading]
    return aspect_like or items


def is_status_item(item: Item) -> bool:
    """An item that reports a status (巡察反馈情况, 参加双重组织生活情况) rather than a problem."""
    return item.aspect is None and "方面" not in item.heading and _STATUS.search(item.heading) is not None
