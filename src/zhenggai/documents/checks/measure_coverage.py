"""ZG601: problems that no measure answers (by aspect or by shared key words)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from zhenggai.documents.aspects import assign
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.items import is_report, is_status_item, measure_items, problem_items
from zhenggai.documents.checks.text import bigrams, excerpt
from zhenggai.documents.model import Item, Report

#: A measure answers a problem when it repeats this many of the problem's distinctive bigrams
#: (or two fifths of them, for a problem stated in a few words).
MIN_SHARED = 3
#: How much of each enumerated point holds its key words (its title and the first facts).
_ENUM_CHARS = 60
#: Words every item of the genre uses: they say nothing about which problem a measure answers.
_GENERIC_RUN = (
    "问题方面工作存在不够还不有待进一一步加强提高不足差距还有有时坚持深入做到"
    "认真一是二是三是四是五是六是自己我们持续切实不断更加全面推动落实带头"
)
_GENERIC = frozenset(_GENERIC_RUN[i : i + 2] for i in range(0, len(_GENERIC_RUN), 2))


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Compare each problem item's key words with each measure item's distinctive words."""
    if not is_report(report):
        return  # inspection plans hold each problem and its measures in one item
    problems = [i for i in problem_items(report) if not is_status_item(i)]
    measures = measure_items(report)
    if len(problems) < 2 or not measures:
        return
    by_aspect = _measure_aspects(context, measures)
    words = distinctive_words(measures)
    for item in problems:
        if item.aspect_index is not None and item.aspect_index in by_aspect:
            continue
        grams = key_words(item)
        shared = max(len(grams & w) for w in words)
        if shared >= MIN_SHARED or shared * 5 >= len(grams) * 2:
            continue
        heading = item.heading if len(item.heading) <= 30 else item.heading[:29] + "…"
        message = f"问题“{heading}”在整改措施中找不到对应的措施，请针对这一问题提出整改措施"
        column = item.paragraphs[0].offset + 1 if item.paragraphs else 1
        yield Finding("ZG601", "warning", message, item.line, column, excerpt(item.heading))


def key_words(item: Item) -> set[str]:
    """The key words of a problem: its heading and the opening of each enumerated point."""
    parts = [item.heading[len(item.marker) :]]
    parts += [e.text[:_ENUM_CHARS] for e in item.enums]
    if not item.enums:
        parts.append(item.text[len(item.heading) : len(item.heading) + 2 * _ENUM_CHARS])
    return bigrams("。".join(parts)) - _GENERIC


def distinctive_words(measures: list[Item]) -> list[set[str]]:
    """Each measure's bigrams that at most half of the measures use (what sets it apart)."""
    texts = [bigrams(m.text) - _GENERIC for m in measures]
    df = Counter(g for t in texts for g in t)
    limit = max(1, len(texts) // 2)
    return [{g for g in t if df[g] <= limit} for t in texts]


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
