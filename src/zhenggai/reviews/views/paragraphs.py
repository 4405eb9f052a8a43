"""The report page's text, paragraph by paragraph, and the lists beside it, as HTML written in Python.

A report of sixty paragraphs with its marks is a few thousand template nodes: the Django template
took half of the page's time, this takes a tenth of that. The markup is the template's as it was
(tests/web/reviews/test_view_report.py compares both). The same for the outline, the aspects'
coverage and the list of findings: with a few dozen findings they were the rest of the template's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from zhenggai.documents.checks import Finding
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


def _line_link(line: object, heading: str, length: int) -> str:
    return f'<a href="#p{line}">{escape(truncatechars(heading, length))}</a>'


def outline_html(outline: Iterable[dict[str, Any]]) -> SafeString:
    """The parts and their items, each a link to its paragraph (analysis.outline)."""
    out = ["<ul>"]
    for part in outline:
        items = "".join("<li>" + _line_link(i["line"], i["heading"], 20) + "</li>" for i in part["items"])
        role = escape(part["role"])
        out.append(f'<li>{_line_link(part["line"], part["heading"], 24)} <span class="role">{role}</span>\n')
        out.append(f"<ul>{items}</ul></li>")
    return mark_safe("".join(out) + "</ul>")


def coverage_html(coverage: Iterable[dict[str, Any]]) -> SafeString:
    """The table of the meeting's aspects and the problem items answering each (analysis.coverage)."""
    out = ['<table class="coverage"><tbody>']
    for a in coverage:
        items = "；".join(_line_link(i["line"], i["heading"], 12) for i in a["items"]) or "未查摆"
        css = "" if a["items"] else "none"
        out.append(f"<tr><td>{a['number']}. {escape(truncatechars(a['aspect'], 40))}</td>\n")
        out.append(f'<td class="{css}">{items}</td></tr>')
    return mark_safe("".join(out) + "</tbody></table>")


def findings_html(findings: Iterable[Finding]) -> SafeString:
    """Every finding of the version, with a link to its paragraph."""
    rows = "".join(
        f'<li class="{escape(f.severity)}"><a href="#p{f.line}">第{f.line}段</a> {escape(f.message)}</li>'
        for f in findings
    )
    return mark_safe('<ul class="small">' + (rows or '<li class="muted">未发现问题</li>') + "</ul>")
