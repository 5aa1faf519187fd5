"""An "xls" that is really SpreadsheetML (Excel 2003 XML, still exported by web platforms) → sheets.

The format is plain XML: ``Worksheet/Table/Row/Cell/Data`` with optional ``ss:Index`` to
skip cells and ``ss:MergeAcross`` / ``ss:MergeDown`` for merged cells; read with the
standard library's ElementTree (expat refuses entity-expansion bombs).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import datetime

from .formats import CORRUPT, Unreadable, decode_text
from .table import Sheet

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _value(data):
    if data is None:
        return None
    text = "".join(data.itertext())
    kind = data.get(f"{SS}Type")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        return moment.date() if moment.time() == datetime.min.time() else moment
    return text


def _rows(table) -> tuple[list[list], list[tuple[int, int, int, int]]]:
    rows: list[list] = []
    merged = []
    for row in table.iter(f"{SS}Row"):
        index = int(row.get(f"{SS}Index", len(rows) + 1)) - 1
        rows.extend([] for _ in range(index + 1 - len(rows)))
        cells = rows[index]
        for cell in row.iter(f"{SS}Cell"):
            col = int(cell.get(f"{SS}Index", len(cells) + 1)) - 1
            cells.extend([None] * (col - len(cells)))
            cells.append(_value(cell.find(f"{SS}Data")))
            across, down = int(cell.get(f"{SS}MergeAcross", 0)), int(cell.get(f"{SS}MergeDown", 0))
            cells.extend([None] * across)
            if across or down:
                merged.append((index, col, index + down, col + across))
    return rows, merged


def read_spreadsheetml(raw: bytes) -> list[Sheet]:
    try:
        root = ElementTree.fromstring(decode_text(raw))  # text: its encoding="…" no longer applies
    except ElementTree.ParseError:
        raise Unreadable(CORRUPT) from None
    sheets = []
    for i, worksheet in enumerate(root.iter(f"{SS}Worksheet")):
        table = worksheet.find(f"{SS}Table")
        rows, merged = _rows(table) if table is not None else ([], [])
        sheets.append(Sheet(name=worksheet.get(f"{SS}Name", f"Sheet{i + 1}"), rows=rows, index=i, merged=merged))
    return sheets
