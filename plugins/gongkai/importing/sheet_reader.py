"""What reading one list or budget sheet needs: its cells, its header, the org and the hints."""

from __future__ import annotations

from .cells import Cells
from .drafts import Context, Source
from .header import Header
from .table import Sheet


class SheetReader:
    def __init__(self, sheet: Sheet, header: Header, path: str, problems, context: Context):
        self.cells = Cells(sheet, path, problems)
        self.header = header
        self.path = path
        self.context = context

    def col(self, role: str) -> int | None:
        return self.header.col(role)

    def label(self, role: str) -> str:
        return self.header.label(role)

    def source(self, rows: list[int]) -> Source:
        """The sheet and the rows (1-based) a record came from; problems about it point at the header."""
        sheet, first = self.cells.sheet, self.header.first_row
        return Source(self.path, [sheet.name], min(rows), max(rows), sheet.place(first), sheet.order(first))
