"""Every open-data download the site offers, described once.

The CSV, Fiscal Data Package and OCDS writers write the files named here; the DCAT
catalogue (``data.json``) and the data page list them. A dataset is what a harvester
sees (one kind of record, site-wide or of one org); its downloads are the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .types import RECORD_TYPES

FDP_DIR = "data/budget"
FDP_DESCRIPTOR = f"{FDP_DIR}/datapackage.json"
FDP_CSV = f"{FDP_DIR}/budget.csv"
OCDS_PACKAGE = "data/procurement/releases.json"
CATALOGUE = "data.json"
PAGE = "data/index.html"
ORG_CSV = "data/orgs.csv"
ORG_MEMBERSHIPS_CSV = "data/org-memberships.csv"
ORG_JSON = "data/orgs.json"


@dataclass(frozen=True)
class Download:
    path: str  # site-relative
    title: str
    format: str  # CSV, JSON
    media_type: str
    conforms_to: str = ""  # the standard the file follows, when there is one


@dataclass(frozen=True)
class Dataset:
    key: str  # permanent: the identifier is tag:<authority>:dataset/<key>
    title: str
    description: str
    keywords: tuple[str, ...]
    org: object  # None: the whole site
    records: tuple
    downloads: tuple[Download, ...]
    changed: datetime | None = None  # when not the newest change among ``records``

    def modified(self, times) -> datetime:
        return self.changed or times.newest(self.records)


def csv_path(record_type: str, org=None) -> str:
    return f"data/{record_type}.csv" if org is None else f"data/orgs/{org.slug}/{record_type}.csv"


def _csv(record_type: str, org=None) -> Download:
    return Download(csv_path(record_type, org), f"{RECORD_TYPES[record_type].label} CSV", "CSV", "text/csv")


def org_json_path(org) -> str:
    return f"{org.slug}/index.json"


def org_directory_changed(site) -> datetime:
    """The newest change of an org profile (git), else of the site's records: never the build's clock."""
    times = site.times
    changed = [times.git[o.source_path] for o in site.orgs.values() if o.source_path in times.git]
    return max(changed) if changed else times.newest(site.records)


def types_present(records) -> list[str]:
    present = {r.type for r in records}
    return [t for t in RECORD_TYPES if t in present]


def datasets(site) -> list[Dataset]:
    """Site-wide datasets (one per record type), then each org's, in org order."""
    name = site.settings.site_name
    found = []
    for record_type in types_present(site.records):
        records = tuple(r for r in site.records if r.type == record_type)
        label = RECORD_TYPES[record_type].label
        downloads = [_csv(record_type)]
        if record_type == "budget":
            downloads += [Download(FDP_DESCRIPTOR, "财政数据包（Fiscal Data Package）", "JSON", "application/json",
                                   "https://specs.frictionlessdata.io/fiscal-data-package/"),
                          Download(FDP_CSV, "财政数据包数据表", "CSV", "text/csv")]
        if record_type == "procurement":
            downloads.append(Download(OCDS_PACKAGE, "开放合同数据标准发布包（OCDS 1.1）", "JSON", "application/json",
                                      "https://standard.open-contracting.org/1.1/"))
        found.append(Dataset(
            key=record_type, title=f"{name}：{label}", records=records, org=None, downloads=tuple(downloads),
            description=f"{name}全部公开的{label}，{RECORD_TYPES[record_type].csv_rows}。",
            keywords=(label, "政务公开", "村务公开", name)))
    if site.orgs:
        found.append(Dataset(
            key="orgs", title=f"{name}：机构名录", records=(), org=None, changed=org_directory_changed(site),
            description=f"{name}各公开主体（县、部门、乡镇、村）的名录，每个机构一行：名称、类别、上级机构、办公地址、"
                        "办公时间、公开电话、负责人、成员（村两委、村务监督委员会）等；成员另有一表，每人每个职务一行。",
            keywords=("机构名录", "村两委", "村务监督委员会", "政务公开", "村务公开", name),
            downloads=(Download(ORG_CSV, "机构名录 CSV", "CSV", "text/csv"),
                       Download(ORG_MEMBERSHIPS_CSV, "机构成员 CSV", "CSV", "text/csv"),
                       Download(ORG_JSON, "机构名录（Popolo JSON）", "JSON", "application/json",
                                "https://www.popoloproject.com/specs/"))))
    for org in site.orgs.values():
        for record_type in types_present(org.records):
            records = tuple(r for r in org.records if r.type == record_type)
            label = RECORD_TYPES[record_type].label
            found.append(Dataset(
                key=f"{org.slug}/{record_type}", title=f"{org.name}：{label}", records=records, org=org,
                downloads=(_csv(record_type, org),),
                description=f"{org.name}公开的{label}，{RECORD_TYPES[record_type].csv_rows}。",
                keywords=(label, org.name, "村务公开" if org.kind == "village" else "政务公开")))
    return found
