"""A sheet as the importer sees it: rows of cell values, each cell with its spreadsheet address.

Every reader (Excel, OpenDocument, CSV, HTML, SpreadsheetML) turns a file into ``Sheet``s;
everything after that is the same for all formats. Rows and columns count from 0 here and
are shown the way Excel shows them (``F6``) in every message to a clerk.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as the spreadsheet labels it."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    return f"{column_letters(col)}{row + 1}"


@dataclass
class Sheet:
    name: str  # "" for a CSV file, which has no sheets: its cells are named alone (C7)
    rows: list[list]  # values as the reader gives them: str, float, int, date, datetime, None
    index: int = 0  # position in the workbook, to report problems sheet by sheet
    merged: list[tuple[int, int, int, int]] | None = None  # (first row, first col, last row, last col); None: unknown
    formula_gaps: set[tuple[int, int]] = field(default_factory=set)  # formulas the file keeps no result of
    hidden: bool = False

    def value(self, row: int, col: int):
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def place(self, row: int, col: int | None = None) -> str:
        """Where a problem is: ``2026年2月!F6``, ``C7`` in a CSV, the sheet alone without a cell."""
        if col is None:
            return self.name
        cell = cell_name(row, col)
        return f"{self.name}!{cell}" if self.name else cell

    def order(self, row: int = 0, col: int = 0) -> int:
        """A number that sorts problems sheet by sheet, row by row."""
        return (self.index * 10_000_000 + row) * 1_000 + min(col, 999)

    @property
    def is_empty(self) -> bool:
        return not any(is_filled(v) for row in self.rows for v in row)


def is_filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
