"""The data the document engine passes between its steps: paragraphs, outline blocks, the report."""

from __future__ import annotations

from zhenggai.documents.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from typing import Any, Literal

    Role = Literal["previous_rectification", "problems", "causes", "measures", "other"]
    BlockKind = Literal["heading", "body"]
    DocumentKind = Literal["report", "notice", "inspection", "other"]
else:  # at run time the aliases are plain strings: their values are not checked
    Role = BlockKind = DocumentKind = str

#: What users read for each role.
ROLE_LABELS: dict[str, str] = {
    "previous_rectification": "上年度整改落实情况",
    "problems": "存在的问题",
    "causes": "原因剖析",
    "measures": "整改措施",
    "other": "其他",
}


@record()
class Paragraph:
    """One paragraph as read, automatic numbering rendered as text; `line` counts paragraphs from 1."""

    text: str
    line: int
    #: Where this paragraph starts inside its source line (non-zero when one line held several).
    offset: int = 0


@record()
class SourceDocument:
    """A file read into paragraphs."""

    name: str
    format: str
    paragraphs: list[Paragraph]
    encoding: str | None = None


@record()
class Block:
    """One paragraph of the outline: a heading (with marker and level) or body text."""

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    marker: str = ""
    style: str = ""
    number: int = 0
    heading: str = ""
    #: True when the heading is only the first sentence and the paragraph runs on.
    run_in: bool = False
    #: Where the paragraph starts inside its source line (as Paragraph.offset).
    offset: int = 0

    @property
    def body(self) -> str:
        """The text after the heading (empty for a heading on its own line)."""
        return self.text[len(self.heading) :] if self.kind == "heading" else self.text


@record()
class Node:
    """A block with the blocks below it."""

    block: Block
    children: list[Node] = field(default_factory=list)


@record()
class Enum:
    """One enumerated point (一是…, 第一，…, or a numbered sub-point) inside an item."""

    marker: str
    text: str
    line: int
    column: int = 1


@record()
class Item:
    """A level-2 entry of a part: a problem, a cause, a measure, or a section of a plan."""

    heading: str
    line: int
    marker: str
    number: int
    style: str
    text: str
    enums: list[Enum] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    aspect: str | None = None
    aspect_index: int | None = None


@record()
class Part:
    """A top-level part of a report with its role."""

    heading: str
    role: Role
    line: int
    marker: str
    number: int
    style: str
    items: list[Item] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


@record()
class Placeholder:
    """A run of template text left unfilled (XX, ×××, 【待补】 …)."""

    text: str
    line: int
    column: int


@record()
class Claim:
    """A sentence that states counts ("查摆出5方面18个问题"); numbers are None when unreadable."""

    text: str
    line: int
    column: int
    aspects: int | None = None
    problems: int | None = None
    measures: int | None = None
    done: int | None = None
    #: "current" (this report), "previous" (last year's meeting) or "inspection" (巡察 feedback).
    scope: str = "current"


@record()
class Report:
    """A document understood as a report: its parts, placeholders, claims and outline."""

    source: str
    title: str
    kind: DocumentKind
    parts: list[Part]
    placeholders: list[Placeholder]
    claims: list[Claim]
    paragraphs: list[Paragraph]
    blocks: list[Block]
    preamble: list[Paragraph] = field(default_factory=list)
    aspects: list[str] | None = None

    def part(self, role: Role) -> Part | None:
        """The first part with this role, if any."""
        return next((p for p in self.parts if p.role == role), None)

    def to_json(self) -> dict[str, Any]:
        """The JSON interface of `zhenggai parse --json` (see DESIGN.md)."""
        return {
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "parts": [
                {
                    "heading": p.heading,
                    "role": p.role,
                    "line": p.line,
                    "items": [
                        {
                            "heading": i.heading,
                            "line": i.line,
                            "aspect": i.aspect,
                            "enums": [{"marker": e.marker, "text": e.text, "line": e.line} for e in i.enums],
                        }
                        for i in p.items
                    ],
                }
                for p in self.parts
            ],
            "placeholders": [{"text": x.text, "line": x.line, "column": x.column} for x in self.placeholders],
            "claims": [
                {
                    "text": c.text,
                    "line": c.line,
                    "scope": c.scope,
                    "aspects": c.aspects,
                    "problems": c.problems,
                    "measures": c.measures,
                    "done": c.done,
                }
                for c in self.claims
            ],
            "aspects": self.aspects,
        }
