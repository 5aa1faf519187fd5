"""What a record type is: one class per type declares everything about it, Lektor-style.

Everything else (reading, the catalogue, identities, CSV, pages, the ``new`` command)
asks the registry in ``types/__init__.py`` instead of keeping its own table. A type's
JSON Schema (the shape of its records, with the Chinese labels) lies beside its module
as ``<code>.schema.json``; its ``publish.py new`` template is ``templates/new/<code>.*``
and its page body is the theme's ``record/<code>.html``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..checking import Checker
    from ..model import Record

TYPES_DIR = Path(__file__).resolve().parent
NEW_TEMPLATES = TYPES_DIR.parent / "templates" / "new"

CheckerFor = Callable[["Record"], "Checker"]


@dataclass(frozen=True)
class Columns:
    """The catalogue column a record goes to when it names none, by the kind of its org."""

    village: str
    government: str  # township, department, county

    def for_kind(self, org_kind: str) -> str:
        return self.village if org_kind == "village" else self.government


@dataclass(frozen=True)
class Reference:
    """A key whose value names another record (its 索引号 or file path)."""

    type: str | None  # the type the target must have; None: any record
    stage: str | None = None  # procurement: the stage the target must be at (tender, award)


@dataclass(frozen=True)
class CsvLines:
    """A line-shaped type: its CSV has one row per item of these lists, not one per record."""

    lists: tuple[str, ...]  # keys of the lists, e.g. ("income", "expense")
    rows: str  # what one row is, for the open-data descriptions: 每一笔收支一行
    key: str = ""  # the column prefix the items share; default: the first list's key
    direction: bool = False  # finance: a column says which list (income / expense) a row came from

    @property
    def prefix(self) -> str:
        return self.key or self.lists[0]


class RecordType:
    """One kind of record. Subclasses set the class attributes and override the checks."""

    code: ClassVar[str]  # what clerks write as ``type:``; also the URL folder and the JSON ``type``
    label: ClassVar[str]  # its Chinese name on pages, in messages and in the catalogue
    index_code: ClassVar[str] = ""  # its part of the 索引号 (CW for finance); "" for org profiles
    columns: ClassVar[Columns | None] = None  # default catalogue column; None for org profiles
    references: ClassVar[Mapping[str, Reference]] = {}
    csv: ClassVar[CsvLines | None] = None  # None: one CSV row per record
    values: ClassVar[Mapping[str, Mapping[str, str]]] = {}  # enumerated field → code → the Chinese word shown for it
    aliases: ClassVar[Mapping[str, Mapping[str, str]]] = {}  # field → another word clerks write → its code
    places: ClassVar[Mapping[str, tuple[str, ...]]] = {}  # a fixed-length list's schema definition → what each place holds

    @property
    def schema_file(self) -> Path:
        return TYPES_DIR / f"{self.code}.schema.json"

    @property
    def new_template(self) -> Path:
        return next(NEW_TEMPLATES.glob(f"{self.code}.*"))

    @property
    def page_template(self) -> str:
        return f"record/{self.code}.html"

    @property
    def csv_rows(self) -> str:
        return self.csv.rows if self.csv else "每条记录一行"

    def value_label(self, field: str, value: str) -> str:
        """The Chinese word for an enumerated value (``stage: award`` → 中标（成交）结果)."""
        return self.values.get(field, {}).get(value, value)

    def accepted(self, field: str) -> dict[str, str]:
        """Every way a clerk may write an enumerated field's values (code, its word, other words) → its code."""
        codes = self.values.get(field, {})
        return {**{code: code for code in codes}, **{word: code for code, word in codes.items()},
                **self.aliases.get(field, {})}

    def canonical(self, data: Any) -> None:
        """Replace, in place, every Chinese word of an enumerated field by its code: the record's
        JSON, CSV and checks see one code, while the clerk's file keeps the word (spec §1)."""
        if isinstance(data, dict):
            for key, value in data.items():
                if key in self.values and isinstance(value, str):
                    data[key] = self.accepted(key).get(value, value)
                else:
                    self.canonical(value)
        elif isinstance(data, list):
            for item in data:
                self.canonical(item)

    def check(self, record: Record, checker: Checker) -> None:
        """The type's own rules for one record, beyond its schema; sets ``record.facts``."""

    def check_across(self, records: list[Record], checker_for: CheckerFor) -> None:
        """Rules between the valid records of this type (duplicate periods, …)."""

    def view(self, record: Record) -> Any:
        """What the type's page template needs beyond the record's fields (None: nothing)."""
        return None
