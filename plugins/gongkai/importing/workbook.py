"""Any spreadsheet file a clerk has → its sheets, or one clear reason it cannot be read."""

from __future__ import annotations

from pathlib import Path

from .delimited import read_delimited
from .excel import PASSWORD, read_excel
from .formats import Unreadable, sniff
from .htmltable import read_html
from .spreadsheetml import read_spreadsheetml
from .table import Sheet


def read_workbook(file: Path) -> list[Sheet]:
    """The visible and hidden sheets of ``file``; raises ``Unreadable`` with the clerk's message."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise Unreadable(f"无法读取文件（{error.strerror}）：请确认文件存在、没有被其他程序占用") from None
    kind = sniff(raw)
    if kind == "encrypted":
        raise Unreadable(PASSWORD)
    if kind in ("excel", "ods"):
        sheets = read_excel(raw)
    elif kind == "html":
        sheets = read_html(raw, file.stem)
    elif kind == "spreadsheetml":
        sheets = read_spreadsheetml(raw)
    else:
        sheets = read_delimited(raw)
    if all(sheet.is_empty for sheet in sheets):
        raise Unreadable("工作簿里没有任何内容（所有工作表都是空的）：请确认选对了文件")
    return sheets
