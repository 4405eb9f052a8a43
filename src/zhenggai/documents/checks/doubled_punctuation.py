"""ZG705: punctuation typed twice or two marks that cannot follow each other (。。 ，。 ，，)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report

_DOUBLED = regex.compile(r"[，。；：、！？]{2,}")


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Each run of two or more of ，。；：、！？ (but ？！ and ！？ express a feeling and stay)."""
    for p in report.paragraphs:
        for m in _DOUBLED.finditer(p.text):
            run = m.group(0)
            if set(run) <= {"！", "？"}:
                continue
            message = f"标点“{run}”重复或连用，请只保留一个"
            yield Finding(
                "ZG705", "warning", message, p.line, p.offset + m.start() + 1, excerpt(p.text, m.start())
            )


RULE = Rule("doubled-punctuation", ("ZG705",), "标点重复或连用（如“。。”“，。”）", check)
