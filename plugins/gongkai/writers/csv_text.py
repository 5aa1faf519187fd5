"""Every CSV file the site publishes is encoded here, so each one opens safely in a spreadsheet.

UTF-8 with a BOM (Excel reads Chinese correctly only with it), CRLF line ends, and a
text cell that starts with = + - @ (or a tab or carriage return) gets a leading ' so
Excel, WPS and LibreOffice show it instead of running it as a formula (CSV injection).
Numbers (int, Decimal) are written exactly as they are and never guarded: a negative
amount stays a number. Money is the exact text the clerk wrote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "、"


def cell(value) -> str:
    """One cell: exact numbers, 是/否, lists joined, formula-looking text made inert.

    Applying it to its own result changes nothing (a guarded cell starts with ').
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, list):
        items = list(map(str, value))
        # 、 between words (标签, 审核人); one item per line when an item holds a 、 itself (设定依据).
        value = ("\n" if any(LIST_SEPARATOR in item for item in items) else LIST_SEPARATOR).join(items)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def encode(header_rows: Iterable[list[str]], rows: Iterable[list]) -> bytes:
    """The whole file: the header rows as they are, then every row's values as cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(header_rows)
    writer.writerows([cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
