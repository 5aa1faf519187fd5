"""Every open-data download the site offers, described once.

The CSV, Fiscal Data Package and OCDS writers write the files named here; the DCAT
catalogue (``data.json``) and the data page list them. A dataset is what a harvester
sees (one kind of record, site-wide or of one org); its downloads are the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import RECORD_TYPES

FDP_DIR = "data/budget"
FDP_DESCRIPTOR = f"{FDP_DIR}/datapackage.json"
FDP_CSV = f"{FDP_DIR}/budget.csv"
OCDS_PACKAGE = "data/procurement/releases.json"
CATALOGUE = "data.json"
PAGE = "data/index.html"


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


def csv_path(record_type: str, org=None) -> str:
    return f"data/{record_type}.csv" if org is None else f"data/orgs/{org.slug}/{record_type}.csv"


def _csv(record_type: str, org=None) -> Download:
    return Download(csv_path(record_type, org), f"{RECORD_TYPES[record_type].label} CSV", "CSV", "text/csv")


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
