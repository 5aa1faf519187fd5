"""The county in memory: orgs, their records, and the site that holds them.

Built once per build by ``load.load_site``; every writer (pages, feeds, data, search)
reads it and none of them reads the content folder again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from .settings import Settings

TYPE_LABELS = {
    "org": "机构概况", "finance": "财务收支", "budget": "预算决算", "policy": "政策文件",
    "notice": "公开事项", "service": "办事指南", "subsidy": "补贴名单", "decision": "四议两公开",
    "procurement": "政府采购", "report": "年度报告",
}
KIND_LABELS = {"village": "村", "township": "乡镇", "department": "部门", "county": "县"}


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
    phones: list[str]
    data: dict  # the whole validated org.yaml (members, groups, head, …)
    source_path: str
    sha256: str
    parent: "Org | None" = None
    children: list["Org"] = field(default_factory=list)
    records: list["Record"] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.slug}/"

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
    derived: dict = field(default_factory=dict)  # totals, warnings: filled by the type's checks
    warnings: list[str] = field(default_factory=list)  # shown on the page in plain words

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

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

    @property
    def top(self) -> Org:
        return next(o for o in self.orgs.values() if o.parent is None)


def money(value) -> Decimal:
    """Money as read from YAML (int or Decimal) as a Decimal with cents."""
    return Decimal(value).quantize(Decimal("0.01"))
