"""ZG701: the same sentence written twice in one report."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt, sentences
from zhenggai.documents.model import Report

#: Sentences shorter than this (after normalising) are set phrases, not copied text.
MIN_CHARS = 15
_NOISE = regex.compile(r"[\s\W_]+")


def normalise(sentence: str) -> str:
    """The sentence without punctuation and spaces, Latin letters folded to lower case."""
    return _NOISE.sub("", sentence).lower()


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Hash each long-enough sentence; every later appearance is a finding pointing at the first."""
    seen: dict[str, int] = {}
    headings = {(b.line, b.text): b.heading for b in report.blocks if b.kind == "heading"}
    for p in report.paragraphs:
        heading = headings.get((p.line, p.text))
        for start, sentence in sentences(p.text):
            if start == 0 and heading and sentence.startswith(heading):
                # the same aspect may head an item of last year's part and of this year's
                start, sentence = len(heading), sentence[len(heading) :]
            if len(sentence) < MIN_CHARS:
                continue  # normalising only shortens it
            key = normalise(sentence)
            if len(key) < MIN_CHARS:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = p.line
                continue
            lead = len(sentence) - len(sentence.lstrip())
            where = "本段前文" if first == p.line else f"第{first}段"
            message = f"这句话与{where}的句子重复，请删去或改写"
            column = p.offset + start + lead + 1
            yield Finding("ZG701", "warning", message, p.line, column, excerpt(sentence.strip()))


RULE = Rule("duplicate-sentences", ("ZG701",), "同一句话在材料中重复出现", check)
