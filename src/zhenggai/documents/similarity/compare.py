"""One text against others: the passages it shares with each and the share of it they cover."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from zhenggai.documents.model import SourceDocument
from zhenggai.documents.similarity.align import Passage, align, share
from zhenggai.documents.similarity.boilerplate import Boilerplate
from zhenggai.documents.similarity.texts import Text, text_of

#: Beyond this many texts to compare with, the sentence index picks the ones worth aligning.
PREFILTER_ABOVE = 20
#: The estimated sentence Jaccard that makes a text a candidate.
CANDIDATE = 0.4


@dataclass(slots=True)
class SourceMatch:
    """What a text shares with one source: the passages and the share of the text they cover."""

    source: str
    passages: list[Passage] = field(default_factory=list)
    share: float = 0.0

    def to_json(self) -> dict[str, object]:
        """The JSON form of one source in `zhenggai similar --json`."""
        return {
            "file": self.source,
            "share": round(self.share, 4),
            "passages": [
                {
                    "kind": p.kind,
                    "similarity": p.similarity,
                    "file": p.left.to_json(),
                    "source": p.right.to_json(),
                }
                for p in self.passages
            ],
        }


def boilerplate_for(notice: SourceDocument | None = None) -> Boilerplate:
    """The standard boilerplate, with the notice's text when one is given."""
    standard = Boilerplate.standard()
    return standard.with_notice(notice) if notice is not None else standard


def compare_texts(
    text: Text, others: Sequence[Text], prefilter_above: int = PREFILTER_ABOVE
) -> list[SourceMatch]:
    """What `text` shares with each of `others`, in their order (sources without passages included).

    With more than `prefilter_above` others, only those the sentence index (MinHash + LSH) names as
    candidates are aligned: a text none of whose sentences is estimated at least CANDIDATE alike
    to one of `text`'s is taken to share nothing.
    """
    candidates: set[int] | None = None
    if len(others) > prefilter_above:
        from zhenggai.documents.similarity.index import SentenceIndex

        index = SentenceIndex()
        for number, other in enumerate(others):
            index.add(number, other)
        candidates = {key for key in index.query(text, CANDIDATE) if isinstance(key, int)}
    matches = []
    for number, other in enumerate(others):
        passages = align(text, other) if candidates is None or number in candidates else []
        matches.append(SourceMatch(other.name, passages, share(text, passages)))
    return matches


def compare_documents(
    document: SourceDocument, others: Sequence[SourceDocument], notice: SourceDocument | None = None
) -> list[SourceMatch]:
    """What `document` shares with each of `others`; the notice's wording never counts."""
    boilerplate = boilerplate_for(notice)
    return compare_texts(text_of(document, boilerplate), [text_of(o, boilerplate) for o in others])
