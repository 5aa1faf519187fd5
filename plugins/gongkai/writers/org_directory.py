"""The org directory: who publishes, where they sit, when they open, how to call them, who serves.

* ``<org>/index.json`` beside each org page: the profile, every field the clerk wrote;
* ``data/orgs.csv``: one row per org (names, kinds, parents, addresses, hours, public
  phones, members …), every field of the org schema (see ``data_csv``);
* ``data/org-memberships.csv``: one row per member: person, organization, role, body, start;
* ``data/orgs.json``: the same in the Popolo shape (organizations, persons, memberships),
  which tools for people in public office read.

A person's id is a digest of the org and the name: the same name in two orgs may be two
people, the same name twice in one org (党支部书记 and 村委会主任) is one. Member names are
already public on the org pages; nothing else about a person is published.
"""

from __future__ import annotations

import json

from ..addresses import absolute
from ..datasets import ORG_CSV, ORG_JSON, ORG_MEMBERSHIPS_CSV, org_directory_changed, org_json_path
from ..identity import digest
from .data_csv import COMMON, Column, field_columns, value
from .csv_text import encode
from .record_json import dumps, money_keys, plain

MEMBERSHIP_COLUMNS = (("organization_id", "机构代号"), ("organization_name", "机构名称"), ("person_id", "人员编号"),
                      ("person_name", "姓名"), ("role", "职务"), ("body", "所属组织"), ("start_date", "任职日期"))


def person_id(org, name: str) -> str:
    return f"person-{digest(org.slug + '/' + name)}"


def profile(site, org, money: frozenset[str]) -> dict:
    settings = site.settings
    return {
        "slug": org.slug,
        "url": absolute(settings, org.url),
        "name": org.name,
        "kind": org.kind,
        "kind_label": org.kind_label,
        "code": org.code,
        "parent": {"slug": org.parent.slug, "name": org.parent.name, "json": absolute(settings, org_json_path(org.parent))}
        if org.parent else None,
        "children": [{"slug": c.slug, "name": c.name, "json": absolute(settings, org_json_path(c))} for c in org.children],
        "phones": [{"label": phone.label, "number": phone.number} for phone in org.phones],
        "records": len(org.records),
        "source": org.source_path,
        "sha256": org.sha256,
        "fields": plain(org.data, money),
    }


# The directory table ----------------------------------------------------------------------

def columns(site) -> list[Column]:
    document = site.schemas["org"].document
    props = document["properties"]

    def walked(*keys: str) -> list[Column]:
        return field_columns(document, {k: props[k] for k in keys if k in props})

    rest = [k for k in props if k not in COMMON and k not in ("name", "kind", "parent", "phones")]
    return ([Column("slug", "机构代号"), *walked("name", "kind"), Column("kind_label", "机构类别（中文）"),
             *walked("parent"), Column("parent_name", "上级机构名称"), Column("phones", "公开电话"), *walked(*rest),
             *walked("title", "date", "updated", "summary", "tags", "attachments", "body"),
             Column("url", "机构页面"), Column("json", "JSON 数据")])


def directory_rows(site, cols: list[Column]) -> list[list]:
    settings = site.settings
    table = []
    for org in site.orgs.values():
        row = {"slug": org.slug, "kind_label": org.kind_label, "parent_name": org.parent.name if org.parent else "",
               "phones": "、".join(phone.as_line() for phone in org.phones),
               "url": absolute(settings, org.url), "json": absolute(settings, org_json_path(org))}
        for col in cols:
            if col.path:
                row[col.key] = value(col, org.data, {})
        table.append([row.get(c.key) for c in cols])
    return table


def memberships(site) -> list[dict]:
    found = []
    for org in site.orgs.values():
        for member in org.data.get("members", ()):
            found.append({"organization_id": org.slug, "organization_name": org.name,
                          "person_id": person_id(org, member["name"]), "person_name": member["name"],
                          "role": member["role"], "body": member.get("body", ""), "start_date": member.get("since", "")})
    return found


# Popolo ------------------------------------------------------------------------------------

def popolo_organization(site, org) -> dict:
    contacts = [{"type": "address", "label": "办公地址", "value": org.address, "note": f"办公时间：{org.hours}"}]
    contacts += [{"type": "voice", "label": phone.label or "公开电话", "value": phone.number} for phone in org.phones]
    if org.data.get("fax"):
        contacts.append({"type": "fax", "label": "传真", "value": org.data["fax"]})
    result = {"id": org.slug, "name": org.name, "classification": org.kind_label, "contact_details": contacts,
              "links": [{"url": absolute(site.settings, org.url), "note": "机构页面"}]}
    if org.parent is not None:
        result["parent_id"] = org.parent.slug
    if org.code:
        result["identifiers"] = [{"scheme": "统一社会信用代码或行政区划代码", "identifier": org.code}]
    if org.data.get("description"):
        result["description"] = org.data["description"]
    if org.data.get("website"):
        result["links"].append({"url": org.data["website"], "note": "网站"})
    return result


def popolo(site) -> dict:
    members = memberships(site)
    persons = {m["person_id"]: {"id": m["person_id"], "name": m["person_name"]} for m in members}
    return {
        "organizations": [popolo_organization(site, org) for org in site.orgs.values()],
        "persons": [persons[key] for key in sorted(persons)],
        "memberships": [{"id": f"{m['person_id']}-{i}", "person_id": m["person_id"], "organization_id": m["organization_id"],
                         "role": m["role"], **({"label": m["body"]} if m["body"] else {}),
                         **({"start_date": m["start_date"]} if m["start_date"] else {})}
                        for i, m in enumerate(members, 1)],
    }


def write(site, output) -> None:
    if not site.orgs:
        return
    money = money_keys(site.schemas["org"].document)
    for org in site.orgs.values():
        output.write_text(org_json_path(org), dumps(profile(site, org, money)))
    cols = columns(site)
    output.write_bytes(ORG_CSV, encode([[c.label for c in cols], [c.key for c in cols]], directory_rows(site, cols)))
    output.write_bytes(ORG_MEMBERSHIPS_CSV, encode([[label for _, label in MEMBERSHIP_COLUMNS], [key for key, _ in MEMBERSHIP_COLUMNS]],
                                                   [[m[key] for key, _ in MEMBERSHIP_COLUMNS] for m in memberships(site)]))
    document = {"modified": org_directory_changed(site).isoformat(), **popolo(site)}
    output.write_text(ORG_JSON, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
