"""The engine's entry points: read a file and understand it, read the aspects of a notice."""

from __future__ import annotations

import os

from zhenggai.documents.aspects import aspects_of_notice, aspects_of_plain_list
from zhenggai.documents.model import Report, SourceDocument
from zhenggai.documents.reading import read_document
from zhenggai.documents.report import parse_document


def parse_file(path: str | os.PathLike[str], aspects: list[str] | None = None) -> Report:
    """Read and understand the report at `path`; raise DocumentError if it cannot be read."""
    return parse_document(read_document(path), aspects)


def notice_aspects(source: SourceDocument) -> list[str]:
    """The aspects a notice requires; a file that is only a list gives one aspect per line."""
    report = parse_document(source)
    aspects = aspects_of_notice(report)
    if aspects:
        return aspects
    lines = [p.text for p in source.paragraphs]
    if lines and len(lines) <= 30 and all(len(t) <= 120 for t in lines):
        return aspects_of_plain_list(lines)
    return []


def read_notice_aspects(path: str | os.PathLike[str]) -> list[str]:
    """The aspects of the notice (or plain list) at `path`."""
    return notice_aspects(read_document(path))
