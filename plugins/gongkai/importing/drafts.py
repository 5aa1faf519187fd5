"""What reading a workbook produces: record drafts, and what the readers need to know to make them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..settings import Settings


@dataclass(frozen=True)
class OrgInfo:
    slug: str
    name: str
    kind: str
    groups: tuple[str, ...]
    phones: frozenset[str]  # digits of the org's public phones: they may appear in a record


@dataclass(frozen=True)
class Hints:
    """What the command line adds to what a workbook says (--program, --year, --date)."""

    program: str | None = None
    year: int | None = None
    record_date: date | None = None


@dataclass
class Context:
    org: OrgInfo
    settings: Settings
    hints: Hints = field(default_factory=Hints)


@dataclass
class Source:
    """Where a draft came from: named in the written file and in every problem found later."""

    path: str  # the workbook as the clerk named it
    sheets: list[str]
    first_row: int  # 1-based, as the spreadsheet numbers rows
    last_row: int
    place: str  # a place for problems about the whole record: the first sheet's name
    order: int

    def describe(self) -> str:
        sheets = "、".join(f"「{name}」" for name in self.sheets if name)
        where = f"工作表{sheets}" if sheets else ""
        return f"{where}第 {self.first_row}–{self.last_row} 行"


@dataclass
class Draft:
    type: str
    relative: str  # path inside the org folder, the one publish.py new would choose: finance/2026-02.yaml
    data: dict  # keys in the template's order; money as Decimal; "date" filled in when written
    source: Source
    summary: str  # one line for the clerk: what this record holds


EXAMPLE = "示例"  # the first words of the example rows in publish.py new --xlsx workbooks
EXAMPLE_LEFT = "这是模板里的示例行：请改成真实内容，或删掉这一行"


_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(text: str) -> str:
    """A file name from a programme or title: what a file system and a URL path accept."""
    return _UNSAFE_FILE_CHARS.sub("-", text).strip("-.") or "名单"
