"""Problems found in content, reported the way spec §3 promises clerks.

One line per problem, ``path:line: 错误: message`` or ``警告:``; every problem of every
file in one run, sorted so the output reads file by file, top to bottom. A problem in a
spreadsheet has a place instead of a line (``journal.xlsx:2026年2月!F6: 错误: …``); its
``line`` is then only its position in the file, so the output still reads top to bottom.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def _one_line(text: str) -> str:
    """A clerk's key or value may hold a line break or tab: show it, never break the line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    level: str
    message: str
    place: str | None = None  # "工作表!F6" in a spreadsheet; "" for the whole file; None: a line
    # Keys and indexes of the field it names, ("income", 2, "amount"); () when only a line is
    # known. Not part of a problem's identity: the same line said twice is one problem.
    field: tuple = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        if self.place is None:
            where = f"{_one_line(self.path)}:{self.line}"
        else:
            where = ":".join(_one_line(part) for part in (self.path, self.place) if part)
        return f"{where}: {self.level}: {_one_line(self.message)}"


def errors_in(problems) -> list[Problem]:
    """The errors among some problems (warnings left out)."""
    return [p for p in problems if p.level == ERROR]


class Problems:
    """Collects problems while the content is read and checked; the same problem twice is one."""

    def __init__(self) -> None:
        self._items: dict[Problem, None] = {}  # insertion-ordered set

    def error(self, path: str, line: int, message: str, field: tuple = ()) -> None:
        self._items.setdefault(Problem(path, line, ERROR, message, field=field))

    def warning(self, path: str, line: int, message: str, field: tuple = ()) -> None:
        self._items.setdefault(Problem(path, line, WARNING, message, field=field))

    def error_at(self, path: str, place: str, message: str, order: int = 0) -> None:
        """A problem at a place that is not a line, e.g. a spreadsheet cell; ``order`` sorts it."""
        self._items.setdefault(Problem(path, order, ERROR, message, place))

    def warning_at(self, path: str, place: str, message: str, order: int = 0) -> None:
        self._items.setdefault(Problem(path, order, WARNING, message, place))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if p.level == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self._items, key=lambda p: (p.path, p.line, p.level, p.message, p.place or ""))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)
