"""Full-text search that works for Chinese: text becomes bigram tokens.

Chinese has no spaces, so words cannot be split without a dictionary. Every run of Han characters
becomes its overlapping two-character pieces ("整改措施" → "整改 改措 措施"), every Latin word or
number is kept whole. On PostgreSQL the tokens are indexed as a `simple` tsvector (GIN), so any
query of two characters or more is answered from the index; elsewhere the search falls back to a
plain substring match.

Width and punctuation do not matter: text and query are read in NFKC form (full-width letters and
digits are the ASCII ones), and a query is the runs between its punctuation and spaces
("学习，计划" → 学习, 计划), each of which must be in the measure or its problem, written either way
(`variants()`).
"""

from __future__ import annotations

import re
import unicodedata

from zhenggai.documents.text import is_han, tokens

__all__ = ["runs", "search_tokens", "tokens", "tsquery", "variants"]

#: A run of a query: letters, digits and Han characters, anything else (punctuation, spaces) between runs.
_RUN = re.compile(r"[^\W_]+")
#: ASCII letters and digits → their full-width forms (Ａ, ０): how a stored text may still write them.
_ASCII = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FULL_WIDTH = str.maketrans(_ASCII, "".join(chr(ord(c) + 0xFEE0) for c in _ASCII))


def normal(text: str) -> str:
    """The text in NFKC form: full-width letters, digits and spaces as ASCII ones."""
    return unicodedata.normalize("NFKC", text)


def search_tokens(text: str) -> str:
    """What goes into `Measure.search_text`: the distinct tokens of the NFKC text, space separated."""
    return " ".join(dict.fromkeys(tokens(normal(text))))


def runs(query: str) -> list[str]:
    """The pieces of a query between its punctuation and spaces, NFKC, each once ("学习，计划" → 学习, 计划)."""
    return list(dict.fromkeys(_RUN.findall(normal(query))))


def variants(run: str) -> list[str]:
    """The ways a stored text may write a run: as it is and, when it has ASCII letters or digits, full-width."""
    wide = run.translate(_FULL_WIDTH)
    return [run] if wide == run else [run, wide]


def tsquery(query: str) -> str | None:
    """A to_tsquery('simple', …) string matching every token of the query; None when the index can't help.

    A single Han character has no bigram: such queries fall back to a substring match.
    """
    found = list(dict.fromkeys(tokens(normal(query))))
    if not found or any(len(t) < 2 and is_han(t) for t in found):
        return None
    return " & ".join(f"'{t}'" for t in found)
