"""查重 (similarity): the passages a report shares with others — colleagues, last year, templates.

Pure Python (numpy), no Django. The pieces, in the order text flows through them:

- `normalise.py`: punctuation, spaces, width, case, numbers and placeholders normalised; 5-character shingles;
- `minhash.py`: MinHash signatures of many texts at once, vectorised with numpy;
- `lsh.py`: LSH bands over signatures, for candidates among very many paragraphs;
- `boilerplate.py` / `learn.py` / `stock.txt`: what every report repeats and never counts;
- `texts.py`, `align.py`: sentences with positions, and the passages two texts share;
- `compare.py`: one document against others, with the share of it each covers;
- `cli.py`: `zhenggai similar`.
"""

from zhenggai.documents.similarity.align import Passage, Span, align, share
from zhenggai.documents.similarity.boilerplate import Boilerplate
from zhenggai.documents.similarity.compare import (
    SourceMatch,
    boilerplate_for,
    compare_documents,
    compare_texts,
)
from zhenggai.documents.similarity.normalise import normalise, shingles
from zhenggai.documents.similarity.texts import Text, text_of

__all__ = [
    "Boilerplate",
    "Passage",
    "SourceMatch",
    "Span",
    "Text",
    "align",
    "boilerplate_for",
    "compare_documents",
    "compare_texts",
    "normalise",
    "share",
    "shingles",
    "text_of",
]
