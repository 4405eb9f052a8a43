"""PDF with a text layer read into lines (pypdf); running headers and footers of its pages dropped.

What copying from a PDF leaves — lines hard-wrapped at the page width, page numbers — is undone by
the same repair as pasted text (documents.repair). A PDF without text (a scan) is refused, saying so.
"""

from __future__ import annotations

import io
import time
from collections import Counter

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.text import clean_line

#: More pages than this is no report or feedback.
MAX_PAGES = 500
#: More text than this (characters) is refused, as a .txt of the same length would be.
MAX_TEXT_CHARS = 5_000_000
#: Seconds the text of all pages may take to extract.
PDF_SECONDS = 30.0
#: A page with fewer characters than this (on average) has no text layer to speak of.
MIN_CHARS_PER_PAGE = 20


def read_pdf_lines(name: str, data: bytes) -> list[str]:
    """The lines of text of the PDF `data`, page after page, its running headers and footers left out."""
    pages = _page_texts(name, data)
    characters = sum(len("".join(t.split())) for t in pages)
    if characters < MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise DocumentError(
            f"“{name}”中没有可读取的文字（可能是扫描件或图片转成的 PDF），"
            "请上传 Word（.docx）原稿，或先用文字识别（OCR）转成文字。"
        )
    page_lines = [[c for raw in text.splitlines() if (c := clean_line(raw))] for text in pages]
    running = _running_lines(page_lines)
    return [line for lines in page_lines for line in lines if line not in running]


def _page_texts(name: str, data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"“{name}”页数过多（超过 {MAX_PAGES} 页），请只上传需要读取的部分。")
        texts: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            texts.append(text)
            if total > MAX_TEXT_CHARS:
                raise DocumentError(f"“{name}”文字过多，上限为 {MAX_TEXT_CHARS // 10000} 万字。")
            if time.monotonic() - started > PDF_SECONDS:
                raise DocumentError(f"“{name}”读取超时，请另存为 .docx 或复制文字到 .txt 后再上传。")
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(f"“{name}”已加密（设置了打开密码），请取消密码后再上传。") from None
    except Exception:  # pypdf raises anything on a damaged file; the user gets a message in Chinese
        raise DocumentError(f"“{name}”不是有效的 PDF 文件（文件已损坏），请重新导出或改传 .docx。") from None
    return texts


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines that open or close at least half the pages (three or more): headers and footers."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({*lines[:2], *lines[-2:]})
    return {line for line, n in edges.items() if n * 2 >= len(pages) and len(line) <= 60}
