"""ZG401–ZG404: counts the text claims ("查摆出5方面18个问题") that disagree with what it lists."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.items import aspect_items, is_status_item, measure_items, problem_items
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.markers import chinese_to_int
from zhenggai.documents.model import Claim, Item, Report

_NUM = r"(?:\d+|[一二三四五六七八九十两]+)"
#: "X项暂不具备整改条件", "3项正在整改", "尚未完成2项": what is still open.
_PENDING = regex.compile(
    rf"(?P<a>{_NUM})\s*(?:项|个|条)[^。；，.;,]{{0,12}}?(?:暂不具备|暂时不具备|正在|尚未|未完成|持续整改|长期坚持)"
    rf"|(?:尚未|未|正在)(?:完成|整改)[^。；，.;,]{{0,4}}?(?P<b>{_NUM})\s*(?:项|个|条)"
)


def _counts(items: list[Item]) -> set[int]:
    """A listed count may be read as items or as their enumerations (an item without any counts one),
    with or without the status sections (巡察反馈情况)."""
    problems = [i for i in items if not is_status_item(i)]
    return {
        len(items),
        len(problems),
        *(sum(max(1, len(i.enums)) for i in group) for group in (items, problems)),
    }


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Current claims against the items; previous claims against themselves."""
    problems = problem_items(report)
    measures = measure_items(report)
    for claim in report.claims:
        if claim.scope != "current":
            continue
        if problems and claim.aspects is not None:
            listed = len(aspect_items(report))
            if claim.aspects != listed:
                yield _mismatch("ZG401", claim, f"{claim.aspects}个方面", f"{listed}个方面", "问题")
        if problems and claim.problems is not None and claim.problems not in _counts(problems):
            listed = sum(max(1, len(i.enums)) for i in problems)
            yield _mismatch("ZG402", claim, f"{claim.problems}个问题", f"{listed}个问题", "问题")
        if measures and claim.measures is not None and claim.measures not in _counts(measures):
            yield _mismatch("ZG403", claim, f"{claim.measures}条措施", f"{len(measures)}条措施", "整改措施")
    yield from _previous(report)


def _mismatch(code: str, claim: Claim, said: str, listed: str, what: str) -> Finding:
    message = f"文中称“{said}”，但下文列出{listed}，请核对数字或补全{what}"
    return Finding(code, "warning", message, claim.line, claim.column, excerpt(claim.text))


def _previous(report: Report) -> Iterator[Finding]:
    """Last year's (or an inspection's) total against what is done and what is still open."""
    totals: dict[str, Claim] = {}
    texts: dict[int, list[tuple[int, str]]] = {}
    for p in report.paragraphs:
        texts.setdefault(p.line, []).append((p.offset, p.text))
    for claim in report.claims:
        if claim.scope == "current":
            continue
        if claim.problems is not None:
            totals[claim.scope] = claim
        total = totals.get(claim.scope)
        if claim.done is None or total is None or total.problems is None:
            continue
        paragraph = _paragraph_text(texts, claim)
        pending = _pending(paragraph)
        if pending is None:
            continue
        if claim.done + pending != total.problems:
            message = (
                f"第{total.line}段称共{total.problems}个问题，这里称已整改{claim.done}项、"
                f"尚未完成{pending}项，合计{claim.done + pending}项，请核对数字"
            )
            yield Finding("ZG404", "warning", message, claim.line, claim.column, excerpt(claim.text))


def _paragraph_text(texts: dict[int, list[tuple[int, str]]], claim: Claim) -> str:
    """The paragraph holding the claim (several paragraphs may share a source line)."""
    candidates = [(o, t) for o, t in texts.get(claim.line, []) if o < claim.column]
    return max(candidates, default=(0, claim.text))[1]


def _pending(text: str) -> int | None:
    m = _PENDING.search(text)
    if m is None:
        return None
    return chinese_to_int(m.group("a") or m.group("b") or "")


RULE = Rule(
    "claims",
    ("ZG401", "ZG402", "ZG403", "ZG404"),
    "文中声称的数字与实际不符：方面数、问题数、措施数，上年度问题的已整改数与未完成数之和",
    check,
)
