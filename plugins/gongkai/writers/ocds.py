"""Procurement as an OCDS 1.1 release package: ``data/procurement/releases.json``.

Each procurement record is a release of its contracting process (``ocid``): the tender
it goes back to (award → tender, contract → award → tender), so a tender, its award and
its contract share one ocid. A record's first release is dated its 生成日期 and tagged
with its stage (``tender``, ``award``, ``contract``); a record amended since (see
``Times.amended``) adds a second release, tagged ``tenderUpdate`` / ``awardUpdate`` /
``contractUpdate`` and dated its last change, as the releaseTag codelist wants (an
update follows the release it updates). Both carry the record as it is now: the text it
had before is in the content's git history. A release's ``id`` is the record's 索引号 plus
its date, so an edited record is a new release and never a changed one. Amounts are JSON
numbers (the schema says so) in CNY; the exact text is in the record's JSON and the CSV.
"""

from __future__ import annotations

import json
from datetime import date

from ..addresses import absolute
from ..datasets import OCDS_PACKAGE
from ..identity import digest
from ..updated import at_shanghai

CURRENCY = "CNY"


def root_tender(record):
    """The record at the start of this record's contracting process."""
    seen = {id(record)}
    while "award" in record.refs or "tender" in record.refs:
        record = record.refs.get("tender") or record.refs["award"]
        if id(record) in seen:
            break
        seen.add(id(record))
    return record


def party(name: str, role: str) -> dict:
    return {"id": f"party-{digest(name)}", "name": name, "roles": [role]}


def value(amount) -> dict:
    return {"amount": float(amount), "currency": CURRENCY}


def releases(site, record) -> list[dict]:
    """The record's release, and its update release when it was amended after it was published."""
    times = site.times
    found = [release(site, record, times.published(record), update=False)]
    if times.amended(record):
        found.append(release(site, record, times.updated(record), update=True))
    return found


def release(site, record, when, update: bool) -> dict:
    settings = site.settings
    data = record.data
    stage = data["stage"]
    buyer = party(data["buyer"], "buyer")
    parties = [buyer]
    result = {
        "ocid": f"{settings.ocid_prefix}-{root_tender(record).index_no}",
        "id": f"{record.index_no}-{when.strftime('%Y%m%dT%H%M%S')}",
        "date": when.isoformat(),
        "tag": [stage + ("Update" if update else "")],
        "initiationType": "tender",
        "language": "zh",
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
    }
    if "supplier" in data:
        parties.append(party(data["supplier"], "supplier"))
    if stage == "tender":
        result["tender"] = tender(record, settings)
    elif stage == "award":
        result["awards"] = [award(record, settings)]
    else:
        award_ref = record.refs.get("award")
        if award_ref is None:  # a contract without a published award: OCDS needs the award it rests on
            result["awards"] = [award(record, settings, award_id=f"{record.index_no}-award")]
        result["contracts"] = [contract(record, settings, award_ref.index_no if award_ref else f"{record.index_no}-award")]
    result["parties"] = parties
    return result


def _document(record, settings) -> dict:
    # documentType codelist: the notice of each stage (tenderNotice, awardNotice, contractNotice).
    return {"id": record.index_no, "title": record.title, "url": absolute(settings, record.url),
            "format": "text/html", "language": "zh", "documentType": record.data["stage"] + "Notice"}


def tender(record, settings) -> dict:
    data = record.data
    result = {"id": record.index_no, "title": record.title, "status": "active", "documents": [_document(record, settings)]}
    if data.get("summary"):
        result["description"] = data["summary"]
    if "method" in data:
        result["procurementMethodDetails"] = data["method"]
    if "value" in data:
        result["value"] = value(data["value"])
    items = []
    for i, item in enumerate(data.get("items", ())):
        entry = {"id": str(i + 1), "description": item["name"]}
        if "quantity" in item:
            entry["quantity"] = float(item["quantity"])
        if "unit" in item:
            entry["unit"] = {"name": item["unit"]}
        items.append(entry)
    if items:
        result["items"] = items
    if "deadline" in data:
        result["tenderPeriod"] = {"endDate": at_shanghai(date.fromisoformat(data["deadline"])).isoformat()}
    return result


def award(record, settings, award_id: str | None = None) -> dict:
    data = record.data
    return {"id": award_id or record.index_no, "title": record.title, "status": "active",
            "date": at_shanghai(record.date).isoformat(), "value": value(data["amount"]),
            "suppliers": [{"id": f"party-{digest(data['supplier'])}", "name": data["supplier"]}],
            "documents": [_document(record, settings)]}


def contract(record, settings, award_id: str) -> dict:
    data = record.data
    return {"id": record.index_no, "awardID": award_id, "title": record.title, "status": "active",
            "value": value(data["amount"]), "dateSigned": at_shanghai(record.date).isoformat(),
            "documents": [_document(record, settings)]}


def package(site, records) -> dict:
    settings = site.settings
    found = [r for record in records for r in releases(site, record)]
    found.sort(key=lambda r: (r["date"], r["id"]))
    return {
        "uri": absolute(settings, OCDS_PACKAGE),
        "version": "1.1",
        "publishedDate": site.times.newest(records).isoformat(),
        "publisher": {"name": settings.site_name},
        "publicationPolicy": absolute(settings, "data/index.html"),
        "releases": found,
    }


def write(site, output) -> None:
    records = [r for r in site.records if r.type == "procurement"]
    if records:
        output.write_text(OCDS_PACKAGE, json.dumps(package(site, records), ensure_ascii=False, indent=1) + "\n")
