"""Sentences for generated documents: closing punctuation, a problem's first sentence as its heading."""

from __future__ import annotations


def sentence(text: str, end: str) -> str:
    """`text` without its closing punctuation, then `end`."""
    return text.strip().rstrip("。；;，,.") + end


def first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence, the rest): a long problem runs on after its heading."""
    for i, ch in enumerate(text):
        if ch in "。！？" and i + 1 < len(text):
            return text[: i + 1], text[i + 1 :]
    return text, ""
