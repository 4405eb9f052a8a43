"""Check an old Excel workbook (.xls: BIFF records in an OLE compound file) before calamine opens it.

calamine builds every sheet of an .xls when it opens the file, each as one dense block from its
first cell to its last, so a 5 KB file with values in A1 and IV65536 costs a gigabyte. The
workbook stream is walked here record by record (cell records carry their row and column first):
a sheet whose cells span too much is refused, and so are encrypted workbooks (FILEPASS) and OLE
files that are not workbooks (a .doc renamed, an encrypted .xlsx).
"""

from __future__ import annotations

import struct

import olefile

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.ledger_xlsx.limits import encrypted, refuse_span
from zhenggai.documents.safety import advice

_BOF, _EOF, _FILEPASS, _WINDOW1 = 0x0809, 0x000A, 0x002F, 0x003D
#: Records that start with (row, column): FORMULA, NUMBER, LABEL, LABELSST, RK, BOOLERR, BLANK, RSTRING.
_CELL = frozenset({0x0006, 0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0201, 0x00D6})
#: Records that start with (row, first column) and end with their last column: MULRK, MULBLANK.
_MULTI = frozenset({0x00BD, 0x00BE})
_PAIR = struct.Struct("<HH")


def check_xls(data: bytes, name: str) -> int:
    """Refuse an .xls that is not a readable, unencrypted workbook of sane size; its active sheet's index."""
    try:
        ole = olefile.OleFileIO(data)
        if ole.exists("EncryptedPackage"):
            raise encrypted(name)
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            raise DocumentError(f"“{name}”不是 Excel 工作簿。{advice(name)}。")
        workbook = ole.openstream(stream).read()
    except DocumentError:
        raise
    except Exception:  # olefile raises many kinds on a damaged container
        raise DocumentError(
            f"“{name}”是旧版 Excel 格式（.xls）或已加密，请在 Excel 或 WPS 中取消密码并“另存为” .xlsx 后再导入。"
        ) from None
    active, spans = _walk(workbook, name)
    for rows, cols in spans:
        refuse_span(name, rows, cols)
    return active


def _walk(stream: bytes, name: str) -> tuple[int, list[tuple[int, int]]]:
    """(active sheet index, (last row, last column) of each substream) from the BIFF records."""
    active = 0
    spans: list[tuple[int, int]] = []
    rows = cols = 0
    pos, end = 0, len(stream) - 4
    unpack = _PAIR.unpack_from
    while pos <= end:
        kind, size = unpack(stream, pos)
        pos += 4
        if kind in _CELL and size >= 4:
            row, col = unpack(stream, pos)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif kind in _MULTI and size >= 6:
            row = unpack(stream, pos)[0]
            last = unpack(stream, pos + size - 2)[0] if pos + size <= len(stream) else 0
            rows, cols = max(rows, row + 1), max(cols, (last & 0xFFFF) + 1)
        elif kind == _BOF:
            rows = cols = 0
        elif kind == _EOF:
            spans.append((rows, cols))
        elif kind == _FILEPASS:
            raise encrypted(name)
        elif kind == _WINDOW1 and not spans and size >= 12:
            active = unpack(stream, pos + 10)[0]
        pos += size
    spans.append((rows, cols))
    return active, spans
