"""Finding a table's header in a sheet: the title rows above it and what each column holds.

Real workbooks put a title (and 单位：元, 科目：库存现金 …) above the table, and their header
often spans two rows with merged cells: 年 over 月 | 日, 凭证 over 字 | 号, 金额 over
借方 | 贷方. Each column gets a label made of its own cell and the group cell above it; a
target type's vocabulary (label → role) says which column is what. Merges are known for
.xlsx, .xls, HTML and SpreadsheetML; for .ods and CSV a blank group cell is taken to
continue the one on its left, as it reads on screen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .table import Sheet, is_filled

SEARCH_ROWS = 30  # a header further down than this is no header
_UNIT = re.compile(r"[（(]([^）)]*)[）)]")
_YEAR = re.compile(r"^((?:19|20)\d{2})年?(?:度)?$")


def normal_label(text: str) -> tuple[str, str]:
    """(label, unit): 「金 额（元）」 → ("金额", "元"); spaces, full width and markers removed."""
    text = unicodedata.normalize("NFKC", str(text))
    units = _UNIT.findall(text)
    text = _UNIT.sub("", text)
    label = re.sub(r"[\s*:：]", "", text)
    return label, (units[0].strip() if units else "")


@dataclass
class Column:
    col: int
    label: str  # as the clerk wrote it (spaces trimmed), for messages: 「借方」
    group: str  # the merged cell above, "" when none: "2026年", "凭证"
    unit: str  # from parentheses in the header: 元, 亩, 人


@dataclass
class Header:
    first_row: int
    last_row: int
    roles: dict[str, Column]
    unknown: list[Column] = field(default_factory=list)  # labelled columns no role matched
    title: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, text) above the header

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    @property
    def title_text(self) -> str:
        return " ".join(text for _, _, text in self.title)

    def col(self, role: str) -> int | None:
        column = self.roles.get(role)
        return None if column is None else column.col

    def label(self, role: str) -> str:
        return self.roles[role].label

    def year(self) -> int | None:
        """A year written in the header's group row (2026年 over 月 | 日)."""
        for column in self.roles.values():
            match = _YEAR.match(normal_label(column.group)[0])
            if match:
                return int(match.group(1))
        return None


def _text(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) and value.strip() else ""


def _covering(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell inside a merged range → the range's top-left cell."""
    cover = {}
    for r0, c0, r1, c1 in sheet.merged or ():
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 400:  # a whole-width banner, not a header cell
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    cover[(r, c)] = (r0, c0)
    return cover


def _looks_like_header_row(sheet: Sheet, row: int) -> bool:
    cells = sheet.rows[row] if row < len(sheet.rows) else []
    return any(_text(v) for v in cells) and not any(
        is_filled(v) and not isinstance(v, str) for v in cells)


def _columns(sheet: Sheet, row: int, two_rows: bool, cover) -> list[tuple[int, str, str]]:
    """(col, group, own label) for one- or two-row headers."""
    width = max(len(sheet.rows[r]) for r in range(row, min(row + 2, len(sheet.rows))))
    found = []
    group, group_open = "", False
    for col in range(width):
        top = _text(sheet.value(row, col))
        if not top and (row, col) in cover and cover[(row, col)][0] == row:
            top = _text(sheet.value(*cover[(row, col)]))
        bottom = ""
        if two_rows and cover.get((row + 1, col), (None,))[0] != row:
            bottom = _text(sheet.value(row + 1, col))
        if not two_rows or not bottom:
            group, group_open = "", False
            if top:
                found.append((col, "", top))
            continue
        if top:
            group, group_open = top, True
        elif group_open:
            top = group  # a group cell left blank to the right (no merge recorded): it continues
        found.append((col, top, bottom))
    return found


def _match(columns, vocabulary: dict[str, str]) -> Header:
    roles: dict[str, Column] = {}
    unknown = []
    for col, group, own in columns:
        own_label, unit = normal_label(own)
        group_label, group_unit = normal_label(group)
        column = Column(col, own.strip(), group, unit or group_unit)
        for candidate in (own_label, group_label + own_label, group_label):
            role = vocabulary.get(candidate)
            if role and role not in roles:
                roles[role] = column
                break
        else:
            unknown.append(column)
    return Header(0, 0, roles, unknown)


def find_header(sheet: Sheet, vocabulary: dict[str, str], required: tuple[str, ...]) -> Header | None:
    """The header naming the most roles (every ``required`` one among them) in the first rows.

    On a tie one row beats two: a title row above a one-row header, or a CSV whose first
    data row is all text, would otherwise pass for the header's upper half.
    """
    cover = _covering(sheet)
    candidates = []
    for row in range(min(SEARCH_ROWS, len(sheet.rows))):
        if not _looks_like_header_row(sheet, row):
            continue
        below = row + 1 < len(sheet.rows) and _looks_like_header_row(sheet, row + 1)
        for two_rows in (False, True) if below else (False,):
            header = _match(_columns(sheet, row, two_rows, cover), vocabulary)
            if all(role in header.roles for role in required):
                header.first_row, header.last_row = row, row + two_rows
                candidates.append(header)
    if not candidates:
        return None
    best = max(candidates, key=lambda h: (len(h.roles), h.first_row == h.last_row))
    best.title = [(r, c, _text(v)) for r in range(best.first_row) for c, v in enumerate(sheet.rows[r]) if _text(v)]
    return best

