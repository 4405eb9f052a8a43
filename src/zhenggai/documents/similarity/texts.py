"""A text as the aligner sees it: its sentences, where each lies, and the shingles that count.

A sentence ends at 。！？；： (and their ASCII forms) or at the end of its paragraph. Each keeps
its paragraph, its [start, end) in the paragraph, its normalised form with the offset of every
normalised character, and its shingles less the boilerplate. The title and every top-level
heading of the outline (上年度整改落实情况, 存在的主要问题 …) are masked: their sentences have no
shingle, so they never match, and no passage runs across them. So are item headings that name
an aspect (（一）在…方面：), which every report of a meeting repeats from its notice, also when the
notice is not given.

Positions: `offset` counts characters of the whole text, paragraphs joined by one newline;
`position` gives (line, column) as `zhenggai check` prints them — the paragraph's line (the line
of a .txt file, the paragraph number of a .docx) and its column counted from 1 within that line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhenggai.documents import regex
from zhenggai.documents.model import Paragraph, SourceDocument
from zhenggai.documents.report import parse_document
from zhenggai.documents.similarity.boilerplate import Boilerplate
from zhenggai.documents.similarity.normalise import normalise_with_offsets, shingles

#: An item heading that names an aspect (（一）在…方面：): the notice's words, in every report.
_ASPECT_HEADING = regex.compile(r"方面[：:。，,]?$")
_SENTENCE = regex.compile(r"[^。！？；!?;：:]+[。！？；!?;：:]*|[。！？；!?;：:]+")


@dataclass(slots=True)
class Sentence:
    """One sentence of a text, where it is, and what of it can be compared."""

    index: int
    paragraph: int
    start: int
    end: int
    normal: str
    #: For each character of `normal`, its [start, end) in the paragraph.
    starts: list[int]
    ends: list[int]
    shingles: frozenset[str]
    masked: bool = False


@dataclass(slots=True)
class Text:
    """A named text cut into sentences."""

    name: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence] = field(default_factory=list)
    #: Where each paragraph starts in the whole text (paragraphs joined by newlines).
    starts: list[int] = field(default_factory=list)

    def offset(self, paragraph: int, char: int) -> int:
        """The offset in the whole text of character `char` of paragraph `paragraph`."""
        return self.starts[paragraph] + char

    def position(self, paragraph: int, char: int) -> tuple[int, int]:
        """(line, column) of character `char` of paragraph `paragraph`, as the checks print them."""
        p = self.paragraphs[paragraph]
        return p.line, p.offset + char + 1

    @property
    def whole(self) -> str:
        """The whole text, paragraphs joined by newlines (what `offset` counts in)."""
        return "\n".join(p.text for p in self.paragraphs)


def text_of(source: SourceDocument, boilerplate: Boilerplate | None = None) -> Text:
    """The sentences of a document read by the engine, top-level headings masked."""
    boilerplate = boilerplate or Boilerplate.standard()
    report = parse_document(source)
    masked = {(part.line, part.heading) for part in report.parts if part.heading}
    masked |= {
        (item.line, item.heading)
        for part in report.parts
        for item in part.items
        if _ASPECT_HEADING.search(item.heading)
    }
    if report.title and report.preamble:
        masked.add((report.preamble[0].line, report.title))
    text = Text(source.name, source.paragraphs)
    position = 0
    for number, paragraph in enumerate(source.paragraphs):
        text.starts.append(position)
        position += len(paragraph.text) + 1
        heading = _masked_heading(paragraph, masked)
        for m in _SENTENCE.finditer(paragraph.text):
            text.sentences.append(
                _sentence(len(text.sentences), number, m.start(), m.group(0), boilerplate, m.end() <= heading)
            )
    return text


def _masked_heading(paragraph: Paragraph, masked: set[tuple[int, str]]) -> int:
    """How many characters at the start of `paragraph` are a masked heading (0 when none)."""
    for line, heading in masked:
        if line == paragraph.line and paragraph.text.startswith(heading):
            return len(heading)
    return 0


def _sentence(
    index: int, paragraph: int, start: int, raw: str, boilerplate: Boilerplate, masked: bool
) -> Sentence:
    normal, starts, ends = normalise_with_offsets(raw)
    kept = frozenset() if masked else frozenset(shingles(normal)) - boilerplate.shingles
    return Sentence(
        index,
        paragraph,
        start,
        start + len(raw),
        normal,
        [start + s for s in starts],
        [start + e for e in ends],
        kept,
        masked,
    )
