"""The document engine: read, understand, check and write the documents of the rectification cycle.

Pure Python: this package must never import Django.
"""

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import Paragraph, Report, SourceDocument

__all__ = ["DocumentError", "Paragraph", "Report", "SourceDocument"]
