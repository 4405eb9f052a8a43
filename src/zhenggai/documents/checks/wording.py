"""ZG704: non-standard references a reviewer always corrects (习总书记 → 习近平总书记)."""

from __future__ import annotations

from collections.abc import Iterator

from zhenggai.documents import regex
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report

# One pass for every form. "学习总书记讲话" holds 习总书记 but is correct: 学/复/练… before 习 is a word.
_NOT_A_WORD_BEFORE = "(?<![学學复複练練研温溫见見实實演补補预預自修])"
_WORDING = regex.compile(
    rf"{_NOT_A_WORD_BEFORE}[习習][总總](?:[书書][记記]|(?![书書结結体體]))"
    r"|[习習]大大"
)
_STANDARD = "习近平总书记"


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Every non-standard reference, with the standard form to use."""
    for p in report.paragraphs:
        if "习" not in p.text and "習" not in p.text:
            continue
        for m in _WORDING.finditer(p.text):
            message = f"“{m.group(0)}”是不规范的表述，请改为“{_STANDARD}”"
            column = p.offset + m.start() + 1
            yield Finding("ZG704", "warning", message, p.line, column, excerpt(p.text, m.start()))


RULE = Rule("wording", ("ZG704",), "不规范的称谓和表述（如“习总书记”应为“习近平总书记”）", check)
