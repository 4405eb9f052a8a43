"""Full-text search that works for Chinese: text becomes bigram tokens.

Chinese has no spaces, so words cannot be split without a dictionary. Every run of Han characters
becomes its overlapping two-character pieces ("整改措施" → "整改 改措 措施"), every Latin word or
number is kept whole. On PostgreSQL the tokens are indexed as a `simple` tsvector (GIN), so any
query of two characters or more is answered from the index; elsewhere the search falls back to a
plain substring match.

Width and punctuation do not matter: text and query are read in NFKC form (full-width letters and
digits are the ASCII ones), and a query is the runs between its punctuation and spaces
("学习，计划" → 学习, 计划), each of which must be in the measure or its problem, written either way
(`variants()`). Nor does punctuation inside a phrase of the text: a run is found with spaces or
punctuation (`SEPARATORS`) between any two of its characters ("学习计划" finds "学习、计划", `phrase()`),
and the stored tokens include the bigrams across them ("习计"), so the index finds it too.
"""

from __future__ import annotations

import re
import string
import unicodedata

from zhenggai.documents.text import is_han, tokens

__all__ = ["SEPARATORS", "phrase", "runs", "search_tokens", "tokens", "tsquery", "variants"]

#: A run of a query: letters, digits and Han characters, anything else (punctuation, spaces) between runs.
_RUN = re.compile(r"[^\W_]+")
#: ASCII letters and digits → their full-width forms (Ａ, ０): how a stored text may still write them.
_ASCII = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FULL_WIDTH = str.maketrans(_ASCII, "".join(chr(ord(c) + 0xFEE0) for c in _ASCII))
#: One space or punctuation mark, ASCII, full-width or Chinese: what may stand inside a phrase. A
#: bracket expression that Python's re and PostgreSQL's regular expressions read alike.
SEPARATORS = (
    "[\\s"
    + "".join("\\" + c for c in string.punctuation)
    + "\u00a0\u00a7\u00ab\u00b0\u00b7\u00bb\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f\u30fb"
    + "\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
_SEPARATED = re.compile(SEPARATORS + "+")


def normal(text: str) -> str:
    """The text in NFKC form: full-width letters, digits and spaces as ASCII ones."""
    return unicodedata.normalize("NFKC", text)


def search_tokens(text: str) -> str:
    """What goes into `Measure.search_text`: the distinct tokens of the NFKC text, space separated,
    then those its spaces and punctuation split ("学习、计划" → 学习 计划 习计)."""
    text = normal(text)
    return " ".join(dict.fromkeys([*tokens(text), *tokens(_SEPARATED.sub("", text))]))


def phrase(run: str) -> str:
    """A regular expression for `run` (a run of `runs()`: letters and digits, nothing to escape) with
    any spaces and punctuation between its characters: 学习计划 → 学[…]*习[…]*计[…]*划."""
    return f"{SEPARATORS}*".join(run)


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
