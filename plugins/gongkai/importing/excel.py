"""Excel (.xlsx, .xlsm, .xlsb, .xls) and OpenDocument (.ods) workbooks → sheets.

python-calamine (Rust's calamine) reads every one of these formats, fast, with the values
the spreadsheet program saved. It cannot say which cells hold a formula, so an .xlsx
written by a program that saves formulas without their results (a script, some web
exports) would read as blank cells: openpyxl finds those, and only for a workbook that has
formulas at all.
"""

from __future__ import annotations

import io
import re
import zipfile

import python_calamine as calamine

from .formats import CORRUPT, Unreadable
from .table import Sheet, is_filled

PASSWORD = "文件设了打开密码，无法读取：请在 Excel 或 WPS 里打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后保存，再导入"
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def read_excel(raw: bytes) -> list[Sheet]:
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = [_sheet(book, i, meta) for i, meta in enumerate(book.sheets_metadata)
                  if meta.typ == calamine.SheetTypeEnum.WorkSheet]
    except calamine.PasswordError:
        raise Unreadable(PASSWORD) from None
    except (calamine.CalamineError, calamine.XmlError, calamine.ZipError, ValueError):
        raise Unreadable(CORRUPT) from None
    _mark_formula_gaps(raw, sheets)
    return sheets


def _sheet(book, index: int, meta) -> Sheet:
    data = book.get_sheet_by_index(index)
    merged = data.merged_cell_ranges
    return Sheet(name=meta.name, rows=data.to_python(skip_empty_area=False), index=index,
                 merged=None if merged is None else [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged],
                 hidden=meta.visible != calamine.SheetVisibleEnum.Visible)


def _has_formulas(raw: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return any(b"<f>" in archive.read(name) or b"<f " in archive.read(name)
                       for name in archive.namelist() if _SHEET_XML.match(name))
    except zipfile.BadZipFile:  # .xls and .xlsb keep formula results always: nothing to find
        return False


def _mark_formula_gaps(raw: bytes, sheets: list[Sheet]) -> None:
    """Record each formula cell the file keeps no result of (calamine shows it blank)."""
    if not _has_formulas(raw):
        return
    import openpyxl  # only for workbooks with formulas: calamine alone is ten times faster

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - calamine read the values; this extra look is best effort
        return
    by_name = {sheet.name: sheet for sheet in sheets}
    for worksheet in book.worksheets:
        sheet = by_name.get(worksheet.title)
        if sheet is None:
            continue
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not is_filled(sheet.value(cell.row - 1, cell.column - 1)):
                    sheet.formula_gaps.add((cell.row - 1, cell.column - 1))
    book.close()
