"""The ordered registry of rules, rule selection by name or code, and the run of a check."""

from __future__ import annotations

from collections.abc import Iterable

from zhenggai.documents.checks import (
    aspect_coverage,
    brackets,
    claims,
    copied,
    doubled_punctuation,
    duplicate_sentences,
    empty_items,
    half_width_punctuation,
    measure_coverage,
    number_format,
    numbering,
    placeholders,
    required_parts,
    wording,
)
from zhenggai.documents.checks.base import CheckContext, Finding, Rule
from zhenggai.documents.model import Report

#: Every rule, in the order it runs. Codes are stable: never reuse a retired one.
RULES: tuple[Rule, ...] = (
    placeholders.RULE,
    numbering.RULE,
    required_parts.RULE,
    claims.RULE,
    aspect_coverage.RULE,
    measure_coverage.RULE,
    duplicate_sentences.RULE,
    half_width_punctuation.RULE,
    empty_items.RULE,
    wording.RULE,
    doubled_punctuation.RULE,
    brackets.RULE,
    number_format.RULE,
    copied.RULE,
)
#: Reported when a rule raised: the rule has a bug; the other rules still ran.
INTERNAL_ERROR = "ZG001"


class UnknownRuleError(ValueError):
    """A rule name or code given to enable/disable that no rule has; `message` is for the user."""

    def __init__(self, names: list[str]) -> None:
        shown = "、".join(f"“{n}”" for n in names)
        self.message = f"没有名为{shown}的审核规则，请用 --list-rules 查看可用的规则名称和代码。"
        super().__init__(self.message)


def rule_by_name(name: str) -> Rule | None:
    """The rule called `name`, or the rule that reports the code `name` (ZG201)."""
    key = name.strip()
    for rule in RULES:
        if key == rule.name or key.upper() in rule.codes:
            return rule
    return None


def unknown_rules(names: Iterable[str]) -> list[str]:
    """The names among `names` that are neither a rule's name nor one of its codes."""
    return [n for n in names if rule_by_name(n) is None]


def run_checks(
    report: Report,
    context: CheckContext | None = None,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
) -> list[Finding]:
    """Run the selected rules on `report`; findings sorted by line, column and code.

    `enable` (names or codes) runs only those rules (default-off rules included); `disable` skips
    rules or single codes. Raises UnknownRuleError for a name no rule has.
    """
    enable, disable = [n.strip() for n in enable], [n.strip() for n in disable]
    unknown = unknown_rules([*enable, *disable])
    if unknown:
        raise UnknownRuleError(unknown)
    context = context or CheckContext()
    wanted_codes = {n.upper() for n in enable if n not in {r.name for r in RULES}}
    wanted_rules = {n for n in enable if n in {r.name for r in RULES}}
    dropped = {n.upper() for n in disable} | {c for r in RULES if r.name in disable for c in r.codes}
    findings: list[Finding] = []
    for rule in RULES:
        if enable:
            if rule.name not in wanted_rules and not wanted_codes & set(rule.codes):
                continue
        elif not rule.enabled:
            continue
        if set(rule.codes) <= dropped:
            continue
        whole = not enable or rule.name in wanted_rules
        for finding in _run(rule, report, context):
            selected = whole or finding.code in wanted_codes or finding.code == INTERNAL_ERROR
            if finding.code in dropped or not selected:
                continue
            findings.append(finding)
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def _run(rule: Rule, report: Report, context: CheckContext) -> list[Finding]:
    try:
        return list(rule.check(report, context))
    except Exception as exc:  # a bug in one rule must not hide what the others found
        message = (
            f"审核规则“{rule.name}”运行出错（{type(exc).__name__}），该项未能检查；"
            "请将这份材料反馈给系统维护人员"
        )
        return [Finding(INTERNAL_ERROR, "warning", message, 1, 1, "")]
