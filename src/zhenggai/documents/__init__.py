"""The document engine: read, understand, check and write the documents of the rectification cycle.

Pure Python: this package must never import Django.
"""

from zhenggai.documents.api import notice_aspects, parse_file, read_notice_aspects
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import Paragraph, Report, SourceDocument
from zhenggai.documents.reading import read_bytes, read_document, read_text
from zhenggai.documents.report import parse_document

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
