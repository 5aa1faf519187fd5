"""Budgets and final accounts as a Fiscal Data Package: ``data/budget/datapackage.json`` + CSV.

One row per budget line, with the planned amount (phase "approved") and, for a final
account, the actual one (phase "executed") as two measures; the org is the
administrative classification, the 功能分类 code the functional one.

The descriptor follows the Fiscal Data Package profile that ships with the reference
``datapackage`` library: a Tabular Data Package (``profile: tabular-data-package``) with
a ``model`` of measures and dimensions. Naming ``fiscal-data-package`` as the profile
would make validators fetch it from the web; the test validates the ``model`` against
the vendored profile instead, and the whole package with ``frictionless validate``.
"""

from __future__ import annotations

import json

from ..addresses import absolute, tag_uri
from ..datasets import FDP_CSV, FDP_DESCRIPTOR
from . import csv_text

FIELDS = [
    # name, type, Chinese title, FDP columnType
    ("index_no", "string", "索引号", None),
    ("line_no", "integer", "行号", None),
    ("org", "string", "机构代号", None),
    ("org_code", "string", "机构代码", "administrative-classification:generic:level1:code"),
    ("org_name", "string", "机构名称", "administrative-classification:generic:level1:label"),
    ("fiscal_year", "year", "年度", "date:fiscal-year"),
    ("budget_phase", "string", "预算/决算", None),
    ("direction", "string", "收支方向", "direction"),
    ("line", "string", "科目名称", "activity:generic:program:label"),
    ("functional_code", "string", "功能分类", "functional-classification:generic:level1:code"),
    ("planned", "number", "预算数", "value"),
    ("actual", "number", "执行数", "value"),
    ("url", "string", "网址", None),
]
DIRECTIONS = {"income": "revenue", "expense": "expenditure"}


def table(records, settings) -> list[list]:
    lines = []
    for record in records:
        for i, line in enumerate(record.data["lines"]):
            lines.append([record.index_no, i + 1, record.org.slug, record.org.code, record.org.name, record.data["year"],
                          record.data["phase"], DIRECTIONS[line["direction"]], line["name"],
                          line.get("classification", ""), line["planned"], line.get("actual"),
                          absolute(settings, record.url)])
    return lines


def encode(rows: list[list]) -> bytes:
    """The CSV as every CSV of the site (csv_text: BOM, CRLF, formula-looking text made inert)."""
    return csv_text.encode([[name for name, *_ in FIELDS]], rows)


def descriptor(site, records) -> dict:
    settings = site.settings
    fields = []
    for name, kind, title, column_type in FIELDS:
        field = {"name": name, "type": kind, "title": title}
        if column_type:
            field["columnType"] = column_type
        if kind == "number":
            field["decimalChar"] = "."
        fields.append(field)
    years = sorted({r.data["year"] for r in records})
    modified = site.times.newest(records)
    return {
        "profile": "tabular-data-package",
        "name": "gongkai-budgets",
        "id": tag_uri(settings, "dataset/budget/fiscal-data-package"),
        "title": f"{settings.site_name}：预算决算（财政数据包）",
        "description": "各机构公开的预算、决算，每个预算科目一行：预算数（approved）与执行数（executed）。",
        "homepage": absolute(settings, "data/index.html"),
        "version": modified.strftime("%Y.%m.%d"),
        "countryCode": "CN",
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"},
        "keywords": ["预算", "决算", "fiscal"],
        "resources": [{
            "name": "budget-lines", "path": FDP_CSV.rsplit("/", 1)[1], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",  # the file starts with a BOM (for Excel): frictionless reads past it
            "schema": {"fields": fields, "primaryKey": ["index_no", "line_no"]},
        }],
        "model": {
            "measures": {
                "planned": {"source": "planned", "currency": "CNY", "phase": "approved"},
                "actual": {"source": "actual", "currency": "CNY", "phase": "executed"},
            },
            "dimensions": {
                "administrative": {"dimensionType": "classification", "classificationType": "administrative",
                                   "primaryKey": "org_code", "attributes": {
                                       "org_code": {"source": "org_code"},
                                       "org_name": {"source": "org_name", "labelfor": "org_code"}}},
                "functional": {"dimensionType": "classification", "classificationType": "functional",
                               "primaryKey": "functional_code", "attributes": {"functional_code": {"source": "functional_code"}}},
                "date": {"dimensionType": "datetime", "primaryKey": "fiscal_year",
                         "attributes": {"fiscal_year": {"source": "fiscal_year"}}},
                "direction": {"dimensionType": "other", "primaryKey": "direction",
                              "attributes": {"direction": {"source": "direction"}}},
                "line": {"dimensionType": "activity", "primaryKey": ["index_no", "line_no"], "attributes": {
                    "index_no": {"source": "index_no"}, "line_no": {"source": "line_no"}, "line": {"source": "line"},
                    "budget_phase": {"source": "budget_phase"}, "url": {"source": "url"}}},
            },
        },
    }


def write(site, output) -> None:
    records = [r for r in site.records if r.type == "budget"]
    if not records:
        return
    records.sort(key=lambda r: (r.org.slug, r.data["year"], r.index_no))
    output.write_bytes(FDP_CSV, encode(table(records, site.settings)))
    output.write_text(FDP_DESCRIPTOR, json.dumps(descriptor(site, records), ensure_ascii=False, indent=1) + "\n")
