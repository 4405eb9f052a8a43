"""ZG704: non-standard references a reviewer always corrects (习总书记 → 习近平总书记)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.checks.text import excerpt
from zhenggai.documents.model import Report

# (pattern, what was written, what to write). "学习总书记讲话" holds 习总书记 but is correct.
_WORDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![学學复複练練研温溫见見实實演补補预預自修])[习習][总總][书書][记記]"), "习近平总书记"),
    (re.compile(r"[习習]大大"), "习近平总书记"),
    (
        re.compile(r"(?<![学學复複练練研温溫见見实實演补補预預自修])[习習][总總](?![书書结結体體])"),
        "习近平总书记",
    ),
)


def check(report: Report, context: CheckContext) -> Iterator[Finding]:
    """Every non-standard reference, with the standard form to use."""
    for p in report.paragraphs:
        if "习" not in p.text and "習" not in p.text:
            continue
        for pattern, standard in _WORDING:
            for m in pattern.finditer(p.text):
                message = f"“{m.group(0)}”是不规范的表述，请改为“{standard}”"
                yield Finding(
                    "ZG704", "warning", message, p.line, p.offset + m.start() + 1, excerpt(p.text, m.start())
                )


RULE = Rule("wording", ("ZG704",), "不规范的称谓和表述（如“习总书记”应为“习近平总书记”）", check)
