"""Read a file (by path or bytes) into paragraphs, whatever its format and encoding."""

from __future__ import annotations

import os

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import SourceDocument
from zhenggai.documents.repair import clean_paragraphs
from zhenggai.documents.text import decode_text, split_lines

#: Files larger than this are refused before anything is parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024

_MAGIC_ZIP = b"PK\x03\x04"
_MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, encrypted .docx
_MAGIC_PDF = b"%PDF"
# The directory entry of the text stream of every Word 97 (.doc) and WPS (.wps) binary file.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_MAGIC_RTF = b"{\\rtf"
# The first member of an OpenDocument text package is its mimetype, stored uncompressed.
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def read_document(path: str | os.PathLike[str], data: bytes | None = None) -> SourceDocument:
    """Read `path` (or `data`, named by `path`) into a SourceDocument; raise DocumentError if unreadable."""
    path = os.fspath(path)  # not pathlib: importing it is a good part of a command's start
    name = os.path.basename(os.path.normpath(path))
    if data is None:
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            raise DocumentError(f"找不到文件“{path}”，请检查路径是否正确。") from None
        except OSError as exc:
            raise DocumentError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
        if os.path.isdir(path):
            raise DocumentError(f"“{path}”是一个文件夹，请指定 .docx 或 .txt 文件。")
        if size > MAX_FILE_BYTES:
            raise DocumentError(_too_large(name, size))
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:
            raise DocumentError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    return read_bytes(name, data)


def suffix_of(name: str) -> str:
    """The file name's extension in lower case, as pathlib's suffix gives it ("" for ".bashrc" or "a.")."""
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[dot:].lower() if 0 < dot < len(base) - 1 else ""


def read_bytes(name: str, data: bytes) -> SourceDocument:
    """Read the content of a file called `name`."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(_too_large(name, len(data)))
    suffix = suffix_of(name)
    head = data[:8]
    if head.startswith(_MAGIC_OLE):
        if suffix in (".docx", ".docm", ".dotx"):
            raise DocumentError(
                f"“{name}”已加密（设置了打开密码）或不是有效的 .docx 文件，请取消密码后另存为 .docx 再上传。"
            )
        if _WORD_STREAM not in data:  # no Word/WPS text stream: damaged, encrypted, or a spreadsheet
            raise DocumentError(
                f"“{name}”不是有效的 Word/WPS 文件（文件已损坏、已加密或不是文字文档），"
                "请在 Word 或 WPS 中打开后另存为 .docx 再上传。"
            )
        return _converted(name, data, ".wps" if suffix in (".wps", ".wpt") else ".doc")
    if head.startswith(_MAGIC_PDF) or suffix == ".pdf":
        if not head.startswith(_MAGIC_PDF):
            raise DocumentError(
                f"“{name}”不是有效的 PDF 文件（文件已损坏或扩展名不对），请重新导出后再上传。"
            )
        # Imported here so that reading other formats never loads pypdf.
        from zhenggai.documents.pdf import read_pdf_lines

        return SourceDocument(
            name=name, format="pdf", paragraphs=clean_paragraphs(read_pdf_lines(name, data))
        )
    if any(head.startswith(m) for m in _IMAGE_MAGICS):
        raise DocumentError(f"“{name}”是图片文件，无法识别文字。请上传 .docx 或 .txt 文件。")
    if head.startswith(_MAGIC_RTF) or suffix == ".rtf":
        return _converted(name, data, ".rtf")
    if head.startswith(_MAGIC_ZIP) and (suffix in (".odt", ".ott") or _ODF_TEXT in data[:100]):
        return _converted(name, data, ".odt")
    if suffix in (".doc", ".wps", ".odt"):
        raise DocumentError(
            f"“{name}”不是有效的 {suffix} 文件（文件已损坏或扩展名不对），请另存为 .docx 后再上传。"
        )
    if suffix in (".pages", ".ods", ".odp", ".xls", ".ppt", ".xlsx", ".pptx"):
        raise DocumentError(f"不支持“{suffix}”格式的文件“{name}”，请另存为 .docx 或 .txt 后再上传。")
    if head.startswith(_MAGIC_ZIP) or suffix in (".docx", ".docm", ".dotx"):
        if not head.startswith(_MAGIC_ZIP):
            raise DocumentError(
                f"“{name}”不是有效的 .docx 文件（文件已损坏或扩展名不对），请用 Word 打开后重新保存。"
            )
        return SourceDocument(name=name, format="docx", paragraphs=clean_paragraphs(_docx_texts(data, name)))
    text, encoding = decode_text(data, name=name)
    return SourceDocument(
        name=name, format="txt", paragraphs=clean_paragraphs(split_lines(text)), encoding=encoding
    )


def _docx_texts(data: bytes, name: str) -> list[str]:
    # Imported here so that reading plain text never loads lxml and the .docx reader.
    from zhenggai.documents.docx import read_docx_paragraphs

    return read_docx_paragraphs(data, name=name)


def _converted(name: str, data: bytes, suffix: str) -> SourceDocument:
    """A .doc, .wps, .odt or .rtf file read through the .docx LibreOffice converts it to."""
    from zhenggai.documents.convert import convert_to_docx

    texts = _docx_texts(convert_to_docx(name, data, suffix), name)
    return SourceDocument(name=name, format=suffix.lstrip("."), paragraphs=clean_paragraphs(texts))


def read_text(text: str, name: str = "<text>") -> SourceDocument:
    """Read text already in memory (a pasted notice, a report written in the browser)."""
    return SourceDocument(name=name, format="txt", paragraphs=clean_paragraphs(split_lines(text)))


def _too_large(name: str, size: int) -> str:
    return f"文件“{name}”过大（{size / 1048576:.1f} MB），上限为 {MAX_FILE_BYTES // 1048576} MB。"


__all__ = ["MAX_FILE_BYTES", "read_bytes", "read_document", "read_text"]
