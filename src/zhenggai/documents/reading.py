"""Read a file (by path or bytes) into paragraphs, whatever its format and encoding."""

from __future__ import annotations

from pathlib import Path

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import SourceDocument
from zhenggai.documents.repair import clean_paragraphs
from zhenggai.documents.text import decode_text, split_lines

#: Files larger than this are refused before anything is parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024

_MAGIC_ZIP = b"PK\x03\x04"
_MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, encrypted .docx
_MAGIC_PDF = b"%PDF"
_IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def read_document(path: str | Path, data: bytes | None = None) -> SourceDocument:
    """Read `path` (or `data`, named by `path`) into a SourceDocument; raise DocumentError if unreadable."""
    path = Path(path)
    if data is None:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise DocumentError(f"找不到文件“{path}”，请检查路径是否正确。") from None
        except OSError as exc:
            raise DocumentError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
        if path.is_dir():
            raise DocumentError(f"“{path}”是一个文件夹，请指定 .docx 或 .txt 文件。")
        if size > MAX_FILE_BYTES:
            raise DocumentError(_too_large(path.name, size))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    return read_bytes(path.name, data)


def read_bytes(name: str, data: bytes) -> SourceDocument:
    """Read the content of a file called `name`."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(_too_large(name, len(data)))
    suffix = Path(name).suffix.lower()
    head = data[:8]
    if head.startswith(_MAGIC_OLE):
        if suffix == ".docx":
            raise DocumentError(
                f"“{name}”已加密（设置了打开密码）或不是有效的 .docx 文件，请取消密码后另存为 .docx 再上传。"
            )
        raise DocumentError(
            f"“{name}”是旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中“另存为” .docx 后再上传。"
        )
    if head.startswith(_MAGIC_PDF):
        raise DocumentError(f"“{name}”是 PDF 文件，暂不支持。请上传 .docx 原稿，或将文字复制到 .txt 文件。")
    if any(head.startswith(m) for m in _IMAGE_MAGICS):
        raise DocumentError(f"“{name}”是图片文件，无法识别文字。请上传 .docx 或 .txt 文件。")
    if suffix in (".doc", ".wps", ".pdf", ".rtf", ".odt", ".pages"):
        raise DocumentError(f"不支持“{suffix}”格式的文件“{name}”，请另存为 .docx 或 .txt 后再上传。")
    if head.startswith(_MAGIC_ZIP) or suffix in (".docx", ".docm", ".dotx"):
        if not head.startswith(_MAGIC_ZIP):
            raise DocumentError(
                f"“{name}”不是有效的 .docx 文件（文件已损坏或扩展名不对），请用 Word 打开后重新保存。"
            )
        # Imported here so that reading plain text never loads lxml and the .docx reader.
        from zhenggai.documents.docx import read_docx_paragraphs

        texts = read_docx_paragraphs(data, name=name)
        return SourceDocument(name=name, format="docx", paragraphs=clean_paragraphs(texts))
    text, encoding = decode_text(data, name=name)
    return SourceDocument(
        name=name, format="txt", paragraphs=clean_paragraphs(split_lines(text)), encoding=encoding
    )


def read_text(text: str, name: str = "<text>") -> SourceDocument:
    """Read text already in memory (a pasted notice, a report written in the browser)."""
    return SourceDocument(name=name, format="txt", paragraphs=clean_paragraphs(split_lines(text)))


def _too_large(name: str, size: int) -> str:
    return f"文件“{name}”过大（{size / 1048576:.1f} MB），上限为 {MAX_FILE_BYTES // 1048576} MB。"


__all__ = ["MAX_FILE_BYTES", "read_bytes", "read_document", "read_text"]
