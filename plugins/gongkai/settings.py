"""Gongkai's own settings: typed, each with a one-line doc, read from pelicanconf.py.

Every setting is a ``GONGKAI_<NAME>`` variable in pelicanconf.py; anything not set takes
the default below. Pelican's own settings (SITENAME, SITEURL, THEME, …) stay Pelican's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .types import RECORD_TYPES

VILLAGE_COLUMNS = ("党务", "村务", "财务", "重大事项")
GOVERNMENT_COLUMNS = ("法规文件", "机构职能", "规划计划", "统计信息", "行政许可", "行政处罚", "财政预决算",
                      "行政事业性收费", "政府采购", "重大建设项目", "民生政策", "应急管理", "监督检查",
                      "公务员招考", "其他")


@dataclass(frozen=True)
class Settings:
    site_name: str = "公开"
    """The site's name, shown in every page header (Pelican's SITENAME)."""

    site_url: str = ""
    """Absolute address the site is published at, no trailing slash (Pelican's SITEURL)."""

    language: str = "zh_CN"
    """Language of the site's own words: zh_CN or en."""

    village_columns: tuple[str, ...] = VILLAGE_COLUMNS
    """Catalogue columns (栏目) of a village."""

    government_columns: tuple[str, ...] = GOVERNMENT_COLUMNS
    """Catalogue columns of a township, department or county (政府信息公开条例 Art. 20)."""

    default_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    """Where a record goes when it names no column, overriding its type's default: {"village" or "government": {type: column}}."""

    column_max_age_days: dict[str, int] = field(default_factory=lambda: {"财务": 31, "村务": 92, "党务": 92})
    """Freshness: a column whose newest record is older than this many days is overdue."""

    finance_every: str = "month"
    """How often villages must publish finances: month or quarter."""

    latest_count: int = 20
    """How many recent records the home page lists."""

    signing_key: str = ""
    """Ed25519 private key file (outside the repository) that signs manifest.json; env GONGKAI_SIGNING_KEY wins."""

    feed_authority: str = ""
    """Owner part of feed entry ids (tag:<this>:<索引号>), e.g. "qingchuan.gov.cn,2026": set once, never change; empty: site_url's host with ",2026"."""

    preview_url: str = "http://127.0.0.1:8000"
    """Absolute address used for feed and open-data links when site_url is empty (local preview with publish.py serve)."""

    feed_max_entries: int = 50
    """How many of the most recently updated records each Atom / RSS feed carries."""

    data_contact_email: str = ""
    """Email of the office answering questions on the open data (data.json contactPoint); empty: none given."""

    ocid_prefix: str = "ocds-gongkai"
    """OCDS ocid prefix of the publisher (register one with the Open Contracting Partnership and put it here)."""

    @classmethod
    def from_pelican(cls, pelican_settings: dict) -> "Settings":
        values = {"site_name": pelican_settings.get("SITENAME", cls.site_name),
                  "site_url": pelican_settings.get("SITEURL", "").rstrip("/")}
        for f in fields(cls):
            key = "GONGKAI_" + f.name.upper()
            if key in pelican_settings:
                value = pelican_settings[key]
                values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def columns_for(self, org_kind: str) -> tuple[str, ...]:
        return self.village_columns if org_kind == "village" else self.government_columns

    def default_column(self, org_kind: str, record_type: str) -> str:
        group = "village" if org_kind == "village" else "government"
        override = self.default_columns.get(group, {}).get(record_type)
        return override or RECORD_TYPES[record_type].columns.for_kind(org_kind)
