"""The limits a workbook must keep before it is read, and the refusals every format shares."""

from __future__ import annotations

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import advice

#: Files larger than this are refused before anything is unpacked.
MAX_LEDGER_BYTES = 50 * 1024 * 1024
#: A sheet whose cells reach below this row is refused (the reader takes 200,000 data rows).
MAX_SHEET_ROWS = 250_000
#: A sheet whose cells span a block larger than this (rows × columns from A1) is refused.
MAX_SHEET_CELLS = 8_000_000


def refuse_span(name: str, rows: int, cols: int) -> None:
    """Raise DocumentError when a sheet's cells reach row `rows` or span `rows` × `cols` cells."""
    if rows > MAX_SHEET_ROWS or rows * cols > MAX_SHEET_CELLS:
        raise DocumentError(
            f"“{name}”的表格范围过大（内容延伸到第 {rows} 行、第 {cols} 列），超出导入上限"
            f"（{MAX_SHEET_ROWS} 行、共 {MAX_SHEET_CELLS} 个单元格）。"
            "请删除表格下方和右侧多余的行列，或拆分为多个文件后重新导入。"
        )


def damaged(name: str) -> DocumentError:
    """The error for a workbook the reader could not read."""
    return DocumentError(f"“{name}”内容已损坏，无法读取。{advice(name)}。")


def encrypted(name: str) -> DocumentError:
    """The error for a workbook with an opening password."""
    return DocumentError(
        f"“{name}”已加密（设置了打开密码），请在 Excel 或 WPS 中取消密码并“另存为”后再导入。"
    )
