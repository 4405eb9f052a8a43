"""Full-text search that works for Chinese: text becomes bigram tokens.

Chinese has no spaces, so words cannot be split without a dictionary. Every run of Han characters
becomes its overlapping two-character pieces ("整改措施" → "整改 改措 措施"), every Latin word or
number is kept whole. On PostgreSQL the tokens are indexed as a `simple` tsvector (GIN), so any
query of two characters or more is answered from the index; elsewhere the search falls back to a
plain substring match.
"""

from __future__ import annotations

import re

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_HAN}]+|[0-9A-Za-z]+")
_IS_HAN = re.compile(rf"[{_HAN}]")


def tokens(text: str) -> list[str]:
    """The bigram (Han) and word (Latin, digits) tokens of a text, in order, with repeats."""
    out: list[str] = []
    for run in _RUNS.findall(text or ""):
        if _IS_HAN.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


def search_tokens(text: str) -> str:
    """What goes into `Measure.search_text`: the distinct tokens, space separated."""
    return " ".join(dict.fromkeys(tokens(text)))


def tsquery(query: str) -> str | None:
    """A to_tsquery('simple', …) string matching every token of the query; None when the index can't help.

    A single Han character has no bigram: such queries fall back to a substring match.
    """
    found = list(dict.fromkeys(tokens(query)))
    if not found or any(len(t) < 2 and _IS_HAN.match(t) for t in found):
        return None
    return " & ".join(f"'{t}'" for t in found)
