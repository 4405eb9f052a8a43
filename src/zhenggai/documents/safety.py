"""Guarded opening of untrusted zip packages and XML parts (zip bombs, entity attacks, corrupt files)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from lxml import etree

from zhenggai.documents.errors import DocumentError

#: More members than this is not an office document but an attack or an archive.
MAX_MEMBERS = 2_000
#: Largest uncompressed member, declared or actual.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
#: Largest sum of declared uncompressed sizes.
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: Compression ratio above which a member larger than RATIO_FLOOR_BYTES is taken for a zip bomb.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024

_CHUNK = 256 * 1024

# Everything the zip and zlib modules raise on damaged input; caught at each boundary so that no
# traceback reaches the user.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    NotImplementedError,
    RuntimeError,
    IndexError,
    OverflowError,
    UnicodeError,
    MemoryError,
)

# No DTDs, no entities, no network, libxml2's depth and size limits: for parse_xml and iter_xml alike.
_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PARSER = etree.XMLParser(**_PARSER_OPTIONS)
_XML_ERRORS = (etree.LxmlError, ValueError, UnicodeError, RecursionError, MemoryError)
#: iter_xml parses this much at a time: little beyond the element the caller stops at.
_FEED_BYTES = 8192


class SafeZip:
    """A zip package whose members are read with size caps; build it with `open_zip`."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self._zip = archive
        self.name = name
        self._infos = {info.filename: info for info in archive.infolist()}
        self._budget = MAX_TOTAL_BYTES  # bytes all reads together may still inflate

    def names(self) -> list[str]:
        """Member names, in the order of the central directory."""
        return list(self._infos)

    def infos(self) -> list[zipfile.ZipInfo]:
        """The members' directory entries (name, sizes, flags), in the order of the central directory."""
        return list(self._infos.values())

    def has(self, member: str) -> bool:
        """True if the package holds `member`."""
        return member in self._infos

    def read(self, member: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """Read `member` in chunks, refusing it once it passes `limit` or its compression ratio bursts."""
        info = self._infos.get(member)
        if info is None:
            raise DocumentError(f"“{self.name}”缺少“{member}”部分，文件不完整。{advice(self.name)}。")
        ratio_cap = max(info.compress_size, 1) * MAX_RATIO
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    if total > limit or total > self._budget:
                        raise DocumentError(_too_big(self.name, member))
                    if total > RATIO_FLOOR_BYTES and total > ratio_cap:
                        raise DocumentError(_bomb(self.name))
                    chunks.append(chunk)
        except DocumentError:
            raise
        except _ZIP_ERRORS:
            raise DocumentError(_corrupt(self.name)) from None
        self._budget -= total
        return b"".join(chunks)


def open_zip(data: bytes, name: str) -> SafeZip:
    """Open `data` as a zip package after checking its directory for bombs, encryption and damage."""
    if not data:
        raise DocumentError(f"“{name}”是空文件（0 字节），请检查后重新上传。")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS:
        raise DocumentError(_corrupt(name)) from None
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"“{name}”包含的部件过多（{len(infos)} 个），不是正常的文档。{advice(name)}。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DocumentError(f"“{name}”已加密（设置了打开密码），请取消密码后重新保存再上传。")
        if info.file_size > MAX_MEMBER_BYTES:
            raise DocumentError(_too_big(name, info.filename))
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max(info.compress_size, 1) * MAX_RATIO:
            raise DocumentError(_bomb(name))
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(f"“{name}”解压后超过 {MAX_TOTAL_BYTES // 1048576} MB，文件过大或已损坏。")
    return SafeZip(archive, name)


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse one XML part without DTDs, entities or network access; refuse any DOCTYPE outright."""
    refuse_doctype(data, name)
    try:
        root = etree.fromstring(data, _PARSER)
    except _XML_ERRORS:
        raise DocumentError(_broken_xml(name)) from None
    if root is None:
        raise DocumentError(f"“{name}”内容为空，无法读取。{advice(name)}。")
    _refuse_parsed_doctype(root, name)
    return root


def iter_xml(data: bytes, name: str, tag: str) -> Iterator[etree._Element]:
    """The `tag` elements of one XML part, each as soon as the parser has read to its end.

    The same parser options and refusals as parse_xml, but the part is parsed as it is consumed,
    a few kilobytes at a time: stop iterating and the rest is never parsed (so a broken part
    raises DocumentError only once the parser reaches the damage).
    """
    refuse_doctype(data, name)
    parser = etree.XMLPullParser(events=("end",), tag=tag, **_PARSER_OPTIONS)
    checked = False
    for start in range(0, len(data) + _FEED_BYTES, _FEED_BYTES):  # the last round closes
        try:
            if start < len(data):
                parser.feed(data[start : start + _FEED_BYTES])
            elif not checked:
                _refuse_parsed_doctype(parser.close(), name)
            else:
                parser.close()
            # End events carry elements (the stubs allow namespace tuples too).
            found = [e for _, e in parser.read_events() if isinstance(e, etree._Element)]
        except _XML_ERRORS:
            raise DocumentError(_broken_xml(name)) from None
        for element in found:
            if not checked:
                _refuse_parsed_doctype(element, name)
                checked = True
            yield element


def refuse_doctype(data: bytes, name: str) -> None:
    """Raise DocumentError when `data` declares a DOCTYPE (see has_doctype)."""
    if has_doctype(data):
        raise DocumentError(_doctype(name))


def _refuse_parsed_doctype(element: etree._Element, name: str) -> None:
    docinfo = element.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or getattr(docinfo, "internalDTD", None) is not None:
        raise DocumentError(_doctype(name))


def has_doctype(data: bytes) -> bool:
    """True if `data` declares a DOCTYPE (or any other markup declaration) before its root element."""
    if b"\x00" in data[:4] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16/32 parts: search the whole text for the keyword in each encoding.
        return any(_DOCTYPE[codec] in data for codec in _DOCTYPE)
    # A DOCTYPE can only stand in the prolog (after one anywhere else the parser fails), so only
    # the prolog's processing instructions and comments are walked; the body is never scanned.
    pos = 0
    while (pos := data.find(b"<", pos)) >= 0:
        if data.startswith(b"<?", pos):
            end = data.find(b"?>", pos)
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos)
        else:
            return data.startswith(b"<!", pos)
        if end < 0:
            return False  # unterminated: the parser refuses it
        pos = end + 2
    return False


_DOCTYPE = {
    codec: "<!DOCTYPE".encode(codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
}


def advice(name: str) -> str:
    """What to tell the user to do with a damaged or refused file, by its extension."""
    if name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv")):
        return "请用 Excel 或 WPS 表格打开后另存为 .xlsx 再上传"
    return "请用 Word 或 WPS 打开后另存为 .docx 再上传"


def _doctype(name: str) -> str:
    return f"“{name}”含有不允许的 XML 声明（DOCTYPE），可能是恶意文件，已拒绝读取。{advice(name)}。"


def _broken_xml(name: str) -> str:
    return f"“{name}”内容已损坏（XML 格式错误），无法读取。{advice(name)}。"


def _corrupt(name: str) -> str:
    suffix = PurePath(name).suffix.lower() or "Office"
    return f"“{name}”不是有效的 {suffix} 文件，文件已损坏或不完整。{advice(name)}。"


def _too_big(name: str, member: str) -> str:
    limit = MAX_MEMBER_BYTES // 1048576
    return f"“{name}”中的“{member}”解压后超过 {limit} MB，文件过大或已损坏。{advice(name)}。"


def _bomb(name: str) -> str:
    return f"“{name}”的压缩比异常（疑似“压缩炸弹”），已拒绝读取。{advice(name)}。"


__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "SafeZip",
    "advice",
    "has_doctype",
    "iter_xml",
    "open_zip",
    "parse_xml",
    "refuse_doctype",
]
