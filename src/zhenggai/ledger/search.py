"""Full-text search that works for Chinese: text becomes bigram tokens.

Chinese has no spaces, so words cannot be split without a dictionary. Every run of Han characters
becomes its overlapping two-character pieces ("整改措施" → "整改 改措 措施"), every Latin word or
number is kept whole. On PostgreSQL the tokens are indexed as a `simple` tsvector (GIN), so any
query of two characters or more is answered from the index; elsewhere the search falls back to a
plain substring match.
"""

from __future__ import annotations

from zhenggai.documents.text import is_han, tokens

__all__ = ["search_tokens", "tokens", "tsquery"]


def search_tokens(text: str) -> str:
    """What goes into `Measure.search_text`: the distinct tokens, space separated."""
    return " ".join(dict.fromkeys(tokens(text)))


def tsquery(query: str) -> str | None:
    """A to_tsquery('simple', …) string matching every token of the query; None when the index can't help.

    A single Han character has no bigram: such queries fall back to a substring match.
    """
    found = list(dict.fromkeys(tokens(query)))
    if not found or any(len(t) < 2 and is_han(t) for t in found):
        return None
    return " & ".join(f"'{t}'" for t in found)
