"""A small streaming .xlsx writer for one styled sheet: rows go straight into the zip, memory stays flat.

openpyxl's write-only mode builds a Cell object per value and writes ~50,000 cells a second, which
makes a 100,000-row ledger take 25 s; writing the SpreadsheetML ourselves takes a tenth of that.
The package is the minimal one Excel, WPS and openpyxl all open: workbook, one sheet, styles.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from zhenggai.documents import regex

#: Cell styles (indexes into cellXfs of STYLES below).
TITLE, HEADER, WRAP, CENTRE, DATE = 1, 2, 3, 4, 5
#: A block of cells drawn as one without merging them (a merge across a page break prints badly):
#: the first cell with no line below it (wrapped or centred text), the cells under it with no line
#: above, and no line below but for the last.
WRAP_OPEN, CENTRE_OPEN, CONTINUED, CONTINUED_LAST = 6, 7, 8, 9

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Characters XML 1.0 forbids; Excel would call the file damaged.
_ILLEGAL = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG_REL}">\
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG_REL}">\
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>"""


def _border(*sides: str) -> str:
    """A <border> with thin grey lines on `sides`, the others empty (in the order the schema wants)."""
    lines = "".join(
        f'<{side} style="thin"><color rgb="FF808080"/></{side}>' if side in sides else f"<{side}/>"
        for side in ("left", "right", "top", "bottom")
    )
    return f"<border>{lines}<diagonal/></border>"


# borderId 1: all four lines; 2: open below; 3: open above and below; 4: open above.
_BORDERS = "".join(
    _border(*sides)
    for sides in (
        ("left", "right", "top", "bottom"),
        ("left", "right", "top"),
        ("left", "right"),
        ("left", "right", "bottom"),
    )
)
_WRAPPED = '<alignment vertical="center" wrapText="1"/>'
_MIDDLE = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>\
<font><b/><sz val="11"/><name val="黑体"/><charset val="134"/></font>\
<font><sz val="18"/><name val="方正小标宋简体"/><charset val="134"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>\
<borders count="5"><border><left/><right/><top/><bottom/><diagonal/></border>\
{_BORDERS}</borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center"/></xf>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1">{_MIDDLE}</xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">{_WRAPPED}</xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">{_MIDDLE}</xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
applyAlignment="1">{_MIDDLE}</xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="2" xfId="0" applyBorder="1" applyAlignment="1">{_WRAPPED}</xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="2" xfId="0" applyBorder="1" applyAlignment="1">{_MIDDLE}</xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="3" xfId="0" applyBorder="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="4" xfId="0" applyBorder="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


_HIDDEN = ' hidden="1"'


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref: str, value: str, style: int) -> str:
    """An inline-string cell; text is escaped and stripped of characters XML forbids."""
    text = escape(_ILLEGAL.sub("", value))
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def cell(ref: str, value: Any, style: int) -> str:
    """One cell of any value the ledger writes: text, whole number, date, or nothing (style only)."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    return text_cell(ref, str(value), style)


class ByteSink:
    """A write-only, unseekable file that hands out what was written: zipfile streams into it."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        """Keep `data` until the next `take()`; the number of bytes written."""
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes wait for `take()`."""

    def take(self) -> bytes:
        """Everything written since the last call."""
        data = b"".join(self._parts)
        self._parts.clear()
        self.size = 0
        return data


class SheetWriter:
    """Write one sheet row by row into an .xlsx zip; call `close()` (or use `with`) to finish it."""

    def __init__(
        self,
        out: IO[bytes] | ByteSink,
        sheet_name: str,
        widths: Sequence[int],
        frozen_rows: int = 0,
        footer: str = "",
    ) -> None:
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3)  # type: ignore[call-overload]  # typeshed lacks ByteSink
        self._sheet_name = sheet_name
        self._letters = [column_letter(i) for i in range(1, len(widths) + 1)]
        self._frozen = frozen_rows
        self._footer = footer
        self._merges: list[str] = []
        self._buffer: list[str] = []
        self.rows = 0
        self._write_package_parts()
        self._stream = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        cols = "".join(  # a width of 0 is a hidden column (a key the reader needs, nobody else)
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"{_HIDDEN if not w else ""}/>'
            for i, w in enumerate(widths, 1)
        )
        pane = ""
        if frozen_rows:
            top = f"A{frozen_rows + 1}"
            pane = (
                f'<pane ySplit="{frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
            )
        self._write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            # fitToPage: the pageSetup below scales the sheet to one page wide.
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        )

    def _write_package_parts(self) -> None:
        name = quoteattr(self._sheet_name)
        titles = ""
        if self._frozen:
            quoted = escape("'" + self._sheet_name.replace("'", "''") + "'")
            titles = (
                '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'
                f"{quoted}!$1:${self._frozen}</definedName></definedNames>"
            )
        workbook = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets>{titles}</workbook>'
        )
        for part, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/styles.xml", STYLES),
        ):
            self._zip.writestr(part, text)

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))

    def append(self, values: Iterable[Any], styles: Sequence[int], height: float | None = None) -> int:
        """Write the next row; return its row number."""
        self.rows += 1
        number = str(self.rows)
        parts = []
        # The hot loop of an export: text and empty cells inline, anything else through cell().
        for letter, value, style in zip(self._letters, values, styles, strict=False):
            if value is None or value == "":
                parts.append(f'<c r="{letter}{number}" s="{style}"/>')
            elif type(value) is str:
                text = _ILLEGAL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                parts.append(
                    f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
            else:
                parts.append(cell(letter + number, value, style))
        extra = f' ht="{height}" customHeight="1"' if height else ""
        self._buffer.append(f'<row r="{number}"{extra}>{"".join(parts)}</row>')
        if len(self._buffer) >= 500:
            self._flush()
        return self.rows

    def merge(self, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
        """Merge a block of cells (1-based, inclusive); nothing happens for a single cell."""
        if (first_row, first_col) != (last_row, last_col):
            ref = f"{self._letters[first_col - 1]}{first_row}:{self._letters[last_col - 1]}{last_row}"
            self._merges.append(ref)

    def _flush(self) -> None:
        self._write("".join(self._buffer))
        self._buffer.clear()

    def _page_setup(self) -> str:
        """How the sheet prints: A4 landscape, as many pages long as needed but one page wide."""
        footer = (
            f"<headerFooter><oddFooter>{escape(self._footer)}</oddFooter></headerFooter>"
            if self._footer
            else ""
        )
        return (
            '<printOptions horizontalCentered="1"/>'
            '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
            f"{footer}</worksheet>"
        )

    def close(self) -> None:
        """Finish the sheet and write the other parts of the package."""
        if self._stream.closed:
            return
        self._flush()
        self._write("</sheetData>")
        if self._merges:
            self._write(f'<mergeCells count="{len(self._merges)}">')
            for start in range(0, len(self._merges), 1000):
                self._write(
                    "".join(f'<mergeCell ref="{ref}"/>' for ref in self._merges[start : start + 1000])
                )
            self._write("</mergeCells>")
        self._write(self._page_setup())
        self._stream.close()
        self._zip.close()
