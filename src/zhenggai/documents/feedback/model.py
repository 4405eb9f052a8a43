"""What feedback reads into: categories → problems, the count it claims, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhenggai.documents.markers import match_marker

#: The finding when the count the text claims differs from the problems read.
COUNT_DIFFERS = "ZG901"
#: The finding when no problem could be read at all.
NOTHING_READ = "ZG902"


@dataclass(slots=True)
class FeedbackProblem:
    """One problem of the feedback, its text without marker, and the line it starts on."""

    text: str
    line: int

    def to_json(self) -> dict[str, Any]:
        """The problem as JSON."""
        return {"text": self.text, "line": self.line}


@dataclass(slots=True)
class FeedbackCategory:
    """A category (方面) as written, marker included ("" when problems are not grouped), and its problems."""

    heading: str
    line: int
    problems: list[FeedbackProblem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The category without marker and end punctuation: what the ledger stores as the aspect."""
        marker = match_marker(self.heading)
        text = self.heading[len(marker.text) :] if marker else self.heading
        return text.strip().rstrip("。：:；;，,. ")

    def to_json(self) -> dict[str, Any]:
        """The category as JSON."""
        return {"heading": self.heading, "line": self.line, "problems": [p.to_json() for p in self.problems]}


@dataclass(slots=True)
class ClaimedCount:
    """What the text says it lists: "共反馈问题4个方面14个" → 4 categories, 14 problems."""

    text: str
    line: int
    categories: int | None
    problems: int

    def to_json(self) -> dict[str, int | None]:
        """The claim as JSON: {"categories", "problems"}."""
        return {"categories": self.categories, "problems": self.problems}


@dataclass(slots=True)
class FeedbackFinding:
    """Something the reader says about the feedback: a stable code, a message in Chinese, a line."""

    code: str
    message: str
    line: int

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON."""
        return {"code": self.code, "message": self.message, "line": self.line}


@dataclass(slots=True)
class Feedback:
    """Inspection feedback read: its categories and problems, the count it claims, the findings."""

    source: str
    categories: list[FeedbackCategory]
    claimed: ClaimedCount | None = None
    findings: list[FeedbackFinding] = field(default_factory=list)

    @property
    def problems(self) -> list[tuple[FeedbackCategory, FeedbackProblem]]:
        """Every problem with its category, in document order."""
        return [(c, p) for c in self.categories for p in c.problems]

    def to_json(self) -> dict[str, Any]:
        """`zhenggai feedback --json`."""
        return {
            "source": self.source,
            "categories": [c.to_json() for c in self.categories],
            "claimed": None if self.claimed is None else self.claimed.to_json(),
            "findings": [f.to_json() for f in self.findings],
        }
