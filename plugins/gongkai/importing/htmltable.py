"""An "xls" that is really an HTML page of tables (what many web platforms export) → sheets.

Read with the standard library's HTML parser. Each ``<table>`` becomes a sheet; cells
spanning rows or columns (``rowspan``, ``colspan``) fill their area the way Excel shows
the same page, the value in the top-left cell and the merge remembered.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .formats import decode_text
from .table import Sheet


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[list], list[tuple[int, int, int, int]]]] = []
        self._depth = 0  # tables inside a table cell are read as text of that cell
        self._rows: list[list] = []
        self._merged: list[tuple[int, int, int, int]] = []
        self._taken: set[tuple[int, int]] = set()  # cells covered by a span from above
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows, self._merged, self._taken = [], [], set()
        elif self._depth != 1:
            return
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            if not self._rows:
                self._rows.append([])
            self._cell = []
            self._spans = (_span(attrs.get("rowspan")), _span(attrs.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            if self._depth == 1:
                self.tables.append((self._rows, self._merged))
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            self._place(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def _place(self, text: str) -> None:
        row = len(self._rows) - 1
        cells = self._rows[row]
        col = len(cells)
        while (row, col) in self._taken:
            cells.append(None)
            col += 1
        cells.append(text)
        down, across = self._spans
        cells.extend([None] * (across - 1))
        if down > 1 or across > 1:
            self._merged.append((row, col, row + down - 1, col + across - 1))
            self._taken.update((r, c) for r in range(row + 1, row + down) for c in range(col, col + across))


def read_html(raw: bytes, stem: str) -> list[Sheet]:
    """Excel names the one sheet of such a file after the file: so do the messages."""
    parser = _Tables()
    parser.feed(decode_text(raw))
    parser.close()
    tables = [t for t in parser.tables if any(t[0])]
    return [Sheet(name=stem if len(tables) == 1 else f"表格{i + 1}", rows=rows, index=i, merged=merged)
            for i, (rows, merged) in enumerate(tables)]
