"""The document engine: read, understand, check and write the documents of the rectification cycle.

Pure Python: this package must never import Django. The names below are loaded on first use, so
that a command importing one module of the engine (`zhenggai parse`) does not load all of it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a start cost); mypy knows the name
if TYPE_CHECKING:
    from zhenggai.documents.api import notice_aspects, parse_file, read_notice_aspects
    from zhenggai.documents.errors import DocumentError
    from zhenggai.documents.model import Paragraph, Report, SourceDocument
    from zhenggai.documents.reading import read_bytes, read_document, read_text
    from zhenggai.documents.report import parse_document

#: Each public name and the module that defines it.
_HOMES = {
    "DocumentError": "errors",
    "Paragraph": "model",
    "Report": "model",
    "SourceDocument": "model",
    "notice_aspects": "api",
    "parse_document": "report",
    "parse_file": "api",
    "read_bytes": "reading",
    "read_document": "reading",
    "read_notice_aspects": "api",
    "read_text": "reading",
}


def __getattr__(name: str) -> object:
    """A public name of the engine, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(__import__(f"{__name__}.{home}", fromlist=[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "DocumentError",
    "Paragraph",
    "Report",
    "SourceDocument",
    "notice_aspects",
    "parse_document",
    "parse_file",
    "read_bytes",
    "read_document",
    "read_notice_aspects",
    "read_text",
]
