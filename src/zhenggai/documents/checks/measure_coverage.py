"""ZG601: problems that no measure answers (by aspect or by shared key words)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

from zhenggai.documents.aspects import assign
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.items import is_status_item, measure_items, problem_items
from zhenggai.documents.checks.text import Offsets, bigrams, excerpt
from zhenggai.documents.model import Item, Report

#: Share of a problem's key words (weighted) a measure must repeat to count as answering it.
THRESHOLD = 0.2
#: Words every item of the genre uses: they say nothing about which problem a measure answers.
_GENERIC = frozenset(
    "问题 方面 工作 存在 不够 还不 有待 进一 一步 加强 提高 不足 差距 还有 有时 坚持 深入 做到 "
    "认真 进一 一是 二是 三是 四是 五是 六是 自己 我们 持续 切实 不断 更加 全面 推动 落实".split()
)


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Score each problem item against each measure item; report the problems no measure reaches."""
    problems = [i for i in problem_items(report) if not is_status_item(i)]
    measures = measure_items(report)
    if len(problems) < 2 or not measures:
        return
    by_aspect = _measure_aspects(context, measures)
    keys = [_key_grams(p) for p in problems]
    texts = [bigrams(m.text) - _GENERIC for m in measures]
    weight = _weights([*keys, *texts])
    offsets = Offsets(report)
    for item, grams in zip(problems, keys, strict=True):
        if item.aspect_index is not None and item.aspect_index in by_aspect:
            continue
        total = sum(weight[g] for g in grams)
        best = max((sum(weight[g] for g in grams & t) for t in texts), default=0.0)
        if total and best / total >= THRESHOLD:
            continue
        heading = item.heading if len(item.heading) <= 30 else item.heading[:29] + "…"
        message = f"问题“{heading}”在整改措施中找不到对应的措施，请针对这一问题提出整改措施"
        column = offsets.column(item.line, item.paragraphs[0].text if item.paragraphs else item.heading)
        yield Finding("ZG601", "warning", message, item.line, column, excerpt(item.heading))


def _key_grams(item: Item) -> set[str]:
    """The key words of a problem: its heading and the first sentence of each enumerated point."""
    parts = [item.heading[len(item.marker) :]]
    parts += [e.text.split("。", 1)[0] for e in item.enums]
    if not item.enums:
        parts.append(item.text[len(item.heading) : len(item.heading) + 120])
    return bigrams("。".join(parts)) - _GENERIC


def _weights(documents: list[set[str]]) -> dict[str, float]:
    df = Counter(g for d in documents for g in d)
    n = len(documents)
    return {g: math.log(1 + n / c) for g, c in df.items()}


def _measure_aspects(context: CheckContext, measures: list[Item]) -> set[int]:
    """The aspects (by index) the measures answer, when the notice gave them."""
    if not context.aspects:
        return set()
    found = assign(context.aspects, [m.heading + m.text[:200] for m in measures])
    return {index for index, _ in found if index is not None}


RULE = Rule(
    "measure-coverage",
    ("ZG601",),
    "整改措施没有覆盖查摆的问题：找不到与某个问题对应的措施",
    check,
)
