"""Placeholders left unfilled in a template: X, XX, xx, ×××, **, ○○, 某某, 【待补】."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.model import Paragraph, Placeholder

_PATTERN = regex.compile(
    r"(?<![A-Za-z])[XxＸｘ]+(?![A-Za-z])"  # X, XX, xx (not inside Latin words such as XML)
    r"|[×✕╳]+"  # ×××
    r"|(?<!\*)\*{2,}(?!\*)|＊{2,}"  # 20**年, **镇
    r"|[○◯]{2,}|[□△]{2,}"  # ○○ (not 〇, the numeral zero of 二〇二一)
    r"|某某+"
    r"|[【\[〔［][^】\]〕］]{0,6}(?:待补|待補|待填|待定|补充|補充|填写|填寫)[^】\]〕］]{0,6}[】\]〕］]"
)

# Where a placeholder can start: scanning for these first is far faster than trying the pattern
# at every position of the text.
_FIRST = regex.compile(r"[XxＸｘ×✕╳*＊○◯□△某【\[〔［]")

# Latin "X" that is real text, not a blank to fill.
_REAL_X = regex.compile(r"X(?:光|线|射线|型|轴|染色体|因素)|x(?:86|64)")
_ASCII_WORD = regex.compile(r"[A-Za-z]")
_URL = regex.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+\.[\w.]+", regex.ASCII)


def find_placeholders(paragraphs: list[Paragraph]) -> list[Placeholder]:
    """Every placeholder run, with its line and 1-based column."""
    found: list[Placeholder] = []
    for p in paragraphs:
        text = p.text
        urls = [u.span() for u in _URL.finditer(text)] if ("/" in text or "@" in text) else []
        end = 0
        for first in _FIRST.finditer(text):
            if first.start() < end:
                continue
            m = _PATTERN.match(text, first.start())
            if m is None:
                continue
            end = m.end()
            run = m.group(0)
            if any(a <= m.start() < b for a, b in urls):
                continue
            if run[0] in "Xx" and not _is_blank_x(text, m.start(), m.end()):
                continue
            found.append(Placeholder(run, p.line, p.offset + m.start() + 1))
    return found


def _is_blank_x(text: str, start: int, end: int) -> bool:
    """An X run is a blank unless it is real Latin text (x86, X光, "x" between Latin words)."""
    if _REAL_X.match(text, start):
        return False
    run = text[start:end]
    if run in ("x", "X"):
        # A lone x between digits is a multiplication sign ("3x4"); in ASCII-only text, prose.
        before, after = text[start - 1 : start], text[end : end + 1]
        if before.isdigit() and after.isdigit():
            return False
        if (before == " " or after == " ") and _ASCII_WORD.search(text[max(0, start - 12) : start]):
            return False
    return True
