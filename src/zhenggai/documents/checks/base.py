"""The records every check rule shares: a finding, the context of a check, a rule."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from zhenggai.documents.model import Report, SourceDocument

Severity = Literal["error", "warning", "info"]
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found: a stable code, a severity, a message in Chinese and where it is."""

    code: str
    severity: Severity
    message: str
    line: int
    column: int = 1
    excerpt: str = ""

    def to_json(self) -> dict[str, object]:
        """The JSON form of `zhenggai check --json` (see DESIGN.md)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the check knows beyond the report: the notice's aspects, a previous meeting, reports to compare."""

    aspects: list[str] | None = None
    #: The notice asks for last year's rectification (there was a previous meeting).
    previous_meeting: bool = False
    #: Reports to compare with (`--against`): colleagues' of this meeting, the writer's own of earlier years.
    #: Their `name` is their path.
    against: tuple[SourceDocument, ...] = ()

    def for_file(self, path: str) -> CheckContext:
        """This context for checking the file at `path`: that file itself is not compared with."""
        if not self.against:
            return self
        mine = os.path.realpath(path)
        others = tuple(d for d in self.against if os.path.realpath(d.name) != mine)
        return replace(self, against=others)


CheckFunction = Callable[[Report, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A check rule: its name, the codes it may report, what it checks (in Chinese), its function."""

    name: str
    codes: tuple[str, ...]
    description: str
    check: CheckFunction
    enabled: bool = True
