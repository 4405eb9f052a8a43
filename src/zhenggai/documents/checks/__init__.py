"""Checks of a parsed report: one rule per module, one ordered registry, findings with stable codes."""

from zhenggai.documents.checks.base import SEVERITY_LABELS, CheckContext, Finding, Rule, Severity
from zhenggai.documents.checks.registry import (
    INTERNAL_ERROR,
    RULES,
    UnknownRuleError,
    rule_by_name,
    run_checks,
    unknown_rules,
)

__all__ = [
    "INTERNAL_ERROR",
    "RULES",
    "SEVERITY_LABELS",
    "CheckContext",
    "Finding",
    "Rule",
    "Severity",
    "UnknownRuleError",
    "rule_by_name",
    "run_checks",
    "unknown_rules",
]
