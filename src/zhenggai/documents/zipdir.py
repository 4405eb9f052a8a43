"""Plain zip packages read without the zipfile module, which is a sixth of a large .docx's reading.

`zipfile` imports pathlib, shutil, threading, bz2 and lzma: about 10 ms before the first byte is
read, for packages (.docx, .xlsx) that are nearly always one plain directory of stored or deflated
members. `directory` reads such a directory and `inflate` one member, both insisting on the plain
case: a single disk, no prepended data, no zip64, no encryption or patch flags, stored or deflate
only, format version 6.3 at most, well-formed extra fields, a local header naming the same file, and the member's length and
CRC-32 as the directory declares them. Anything else returns None, and safety.SafeZip reads the
package with zipfile as before, so that every damaged or unusual file gets the answer it always got.
"""

from __future__ import annotations

import struct
import zlib

_END = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_ZIP64_LOCATOR = b"PK\x06\x07"
_END_SIZE, _CENTRAL_SIZE, _LOCAL_SIZE = 22, 46, 30
_STORED, _DEFLATED = 0, 8
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, patched data, strong encryption
_UTF8_NAME = 0x800
_MAX_EXTRACT_VERSION = 63  # zipfile refuses a member needing a later version of the format


class Member:
    """One member as the central directory declares it (the fields of zipfile.ZipInfo read here)."""

    __slots__ = (
        "compress_size",
        "compress_type",
        "crc",
        "file_size",
        "filename",
        "flag_bits",
        "header_offset",
    )

    def __init__(self, fields: tuple[int, ...], filename: str) -> None:
        self.flag_bits, self.compress_type, self.crc = fields[0], fields[1], fields[2]
        self.compress_size, self.file_size, self.header_offset = fields[3], fields[4], fields[5]
        self.filename = filename


def directory(data: bytes) -> list[Member] | None:
    """The members of a plain zip package in directory order, or None when zipfile must read it."""
    end = _end_record(data)
    if end is None:
        return None
    position, count, size, offset = end
    if offset + size != position or count == 0xFFFF or offset == 0xFFFFFFFF:
        return None  # prepended data, a directory elsewhere, or zip64
    members: list[Member] = []
    at = offset
    while at < position:
        if data[at : at + 4] != _CENTRAL or at + _CENTRAL_SIZE > position:
            return None
        (flags, method, crc, packed, size_, name_len, extra_len, comment_len, disk, offset_) = (
            struct.unpack_from("<8xHH4xLLLHHHH6xL", data, at)
        )
        name_end = at + _CENTRAL_SIZE + name_len
        extra = data[name_end : name_end + extra_len]
        if (
            data[at + 6] > _MAX_EXTRACT_VERSION
            or disk != 0
            or flags & _UNUSUAL_FLAGS
            or method not in (_STORED, _DEFLATED)
            or not _plain_extra(extra)
        ):
            return None
        if 0xFFFFFFFF in (packed, size_, offset_):
            return None
        name = _name(data[at + _CENTRAL_SIZE : name_end], flags)
        if name is None:
            return None
        members.append(Member((flags, method, crc, packed, size_, offset_), name))
        at = name_end + extra_len + comment_len
    return members if at == position and len(members) == count else None


def _end_record(data: bytes) -> tuple[int, int, int, int] | None:
    """(position, member count, directory size, directory offset) of the end record, as zipfile finds it."""
    position = len(data) - _END_SIZE
    if position < 0:
        return None
    if data[position : position + 4] != _END or data[position + 20 : position + 22] != b"\x00\x00":
        return None  # a comment after the record (zipfile searches for it): leave it to zipfile
    if data[position - 20 : position - 16] == _ZIP64_LOCATOR:
        return None
    disk, start_disk, here, count, size, offset = struct.unpack_from("<4xHHHHLL", data, position)
    if disk != 0 or start_disk != 0 or here != count:
        return None
    return position, count, size, offset


def _name(raw: bytes, flags: int) -> str | None:
    """A member's name as zipfile decodes it; None for an undecodable one or one holding NUL."""
    try:
        name = raw.decode("utf-8") if flags & _UTF8_NAME else raw.decode("cp437")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in name else name


def _plain_extra(extra: bytes) -> bool:
    """Extra fields that zipfile reads without complaint and that hold no zip64 sizes."""
    at = 0
    while len(extra) - at >= 4:
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == 0x0001 or at + 4 + length > len(extra):
            return False
        at += 4 + length
    return True


def inflate(data: bytes, member: Member, chunk: int, allowed: int) -> bytes | None:
    """The bytes of `member`, or None when zipfile must read it (anything unusual, or more than `allowed`).

    Inflates `chunk` bytes at a time, so that a member inflating past `allowed` costs no more memory.
    """
    at = member.header_offset
    if data[at : at + 4] != _LOCAL or at + _LOCAL_SIZE > len(data):
        return None
    flags, name_len, extra_len = struct.unpack_from("<6xH18xHH", data, at)
    start = at + _LOCAL_SIZE + name_len + extra_len
    name = _name(data[at + _LOCAL_SIZE : at + _LOCAL_SIZE + name_len], flags)
    packed = data[start : start + member.compress_size]
    if flags & _UNUSUAL_FLAGS or name != member.filename or len(packed) != member.compress_size:
        return None
    if member.file_size > allowed:
        return None
    if member.compress_type == _STORED:
        out = packed if member.compress_size == member.file_size else None
    else:
        out = _deflated(packed, member.file_size, chunk)
    if out is None or len(out) != member.file_size or zlib.crc32(out) != member.crc:
        return None
    return out


def _deflated(packed: bytes, size: int, chunk: int) -> bytes | None:
    """A raw deflate stream inflated to at most `size` bytes; None unless it ends there."""
    inflater = zlib.decompressobj(-15)
    pieces: list[bytes] = []
    total = 0
    try:
        piece = inflater.decompress(packed, chunk)
        while True:
            pieces.append(piece)
            total += len(piece)
            if total > size:
                return None
            if inflater.eof or not (piece or inflater.unconsumed_tail):
                break  # the end, or no progress
            piece = inflater.decompress(inflater.unconsumed_tail, chunk)
    except zlib.error:
        return None
    return b"".join(pieces) if inflater.eof else None
