"""The county in memory: orgs, their records, and the site that holds them.

Built once per build by ``load.load_site``; every writer (pages, feeds, data, search)
reads it and none of them reads the content folder again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from . import types
from .updated import Times
from .settings import Settings


@dataclass(frozen=True)
class Phone:
    """A public phone of an org: its number and, when the org gives one, its name (办公电话, 监督电话)."""

    number: str
    label: str = ""

    @classmethod
    def of(cls, written: str | dict) -> Phone:
        """From org.yaml: a plain number, or ``{label, number}``."""
        if isinstance(written, dict):
            return cls(str(written["number"]), str(written.get("label", "")))
        return cls(str(written))

    def __str__(self) -> str:
        return f"{self.label} {self.number}" if self.label else self.number

    def as_line(self) -> str:
        """One line of the editor's box: 办公电话：0839-7300001, or the bare number."""
        return f"{self.label}：{self.number}" if self.label else self.number

    @staticmethod
    def written(line: str) -> str | dict[str, str]:
        """What org.yaml gets for one such line: the bare number, or ``{label, number}``."""
        label, colon, number = line.replace(":", "：").partition("：")
        return {"label": label.strip(), "number": number.strip()} if colon else line.strip()


@dataclass
class Attachment:
    file: str  # as the clerk wrote it, relative to the record's folder
    title: str
    source: str  # relative to the content folder
    url: str  # relative to the site root
    size: int


@dataclass(eq=False)
class Org:
    slug: str
    name: str
    kind: str
    parent_slug: str | None
    code: str
    address: str
    hours: str
    phones: list[Phone]
    data: dict  # the whole validated org.yaml (members, groups, head, …)
    source_path: str
    sha256: str
    parent: "Org | None" = None
    children: list["Org"] = field(default_factory=list)
    records: list["Record"] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.slug}/"

    @property
    def kind_label(self) -> str:
        return types.ORG.value_label("kind", self.kind)

    def ancestors(self) -> list["Org"]:
        chain, org = [], self.parent
        while org is not None:
            chain.append(org)
            org = org.parent
        return chain[::-1]


@dataclass(eq=False)
class Record:
    type: str
    org: Org
    title: str
    date: date
    updated: datetime | date | None
    category: str
    summary: str
    tags: list[str]
    attachments: list[Attachment]
    body_html: str
    index_no: str
    url: str
    source_path: str  # relative to the content folder
    sha256: str  # of the source file's bytes
    data: dict  # the validated record: Decimal money, text dates as written
    facts: object = None  # what the type's checks worked out (FinanceFacts, …): see types/
    refs: dict[str, "Record"] = field(default_factory=dict)  # reference key → the record it names
    warnings: list[str] = field(default_factory=list)  # shown on the page in plain words
    body: str = ""  # the Markdown as the clerk wrote it (a YAML ``body:`` or the .md file's text), for the CSV

    @property
    def record_type(self) -> types.RecordType:
        return types.record_type(self.type)

    @property
    def type_label(self) -> str:
        return self.record_type.label

    def value_label(self, field: str, value: str) -> str:
        """The Chinese word for one of this type's enumerated values (stage award → 中标（成交）结果)."""
        return self.record_type.value_label(field, value)

    @property
    def sort_key(self):
        """Newest first, then a stable tie-break so output order never depends on the disk."""
        return (-self.date.toordinal(), self.index_no)


@dataclass
class Site:
    settings: Settings
    content_dir: Path
    orgs: dict[str, Org]  # by slug, in slug order
    records: list[Record]  # newest first
    by_index_no: dict[str, Record]
    schemas: object  # schema.Schemas: labels for pages, documents for /schemas/
    pages: list = field(default_factory=list)  # site-wide Markdown pages, filled by Pelican

    @cached_property
    def times(self) -> Times:
        """When each record was published and last changed (one git log, on first use)."""
        return Times(self)

    @property
    def top(self) -> Org:
        return next(o for o in self.orgs.values() if o.parent is None)

