"""The report page's text, paragraph by paragraph, as HTML written in Python.

A report of sixty paragraphs with its marks is a few thousand template nodes: the Django template
took half of the page's time, this takes a tenth of that. The markup is the template's as it was
(tests/web/reviews/test_report_page.py compares both).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from zhenggai.reviews.analysis import ParagraphView


def paragraphs_html(paragraphs: Iterable[tuple[ParagraphView, Sequence[Any]]]) -> SafeString:
    """Each paragraph with its line number, its marked pieces, its findings, then its comments."""
    out: list[str] = []
    for p, comments in paragraphs:
        css = "para" + (" heading" if p.heading_level else "") + (f" sev-{p.severity}" if p.severity else "")
        out.append(
            f'\n<div class="{css}" id="p{p.line}" data-line="{p.line}"><span class="ln">{p.line}</span>'
        )
        for piece in p.pieces:
            if piece.severity:
                out.append(
                    f'<mark class="{escape(piece.severity)}" title="{escape(piece.message)}">'
                    f"{escape(piece.text)}</mark>"
                )
            else:
                out.append(escape(piece.text))
        out.append("\n")
        if p.findings:
            out.append('<ul class="found">')
            out += [
                f'<li class="{escape(f.severity)}">{escape(f.code)} {escape(f.message)}</li>'
                for f in p.findings
            ]
            out.append("</ul>")
        out.append("\n</div>\n")
        for c in comments:
            out.append(
                f'<div class="comment"><strong>{escape(c.author)}</strong>'
                f"（{date_filter(localtime(c.created_at), 'm-d H:i')}，第{c.line}段）：{linebreaksbr(c.text, autoescape=True)}</div>"
            )
        out.append("\n")
    return mark_safe("".join(out))
