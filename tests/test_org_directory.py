"""The org directory journalists ask for first: each org's JSON beside its page, one table of every
org, one of every member, and the Popolo JSON (checked with the Popolo schemas kept in
tests/fixtures/standards/popolo, never fetched)."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import lxml.html
import pytest
import yaml
from referencing import Registry
from referencing.jsonschema import DRAFT3

from conftest import DEMO_CONTENT, FIXTURES
from gongkai.model import Phone

POPOLO = FIXTURES / "standards" / "popolo"


def org_sources() -> dict[str, dict]:
    return {path.parent.name: yaml.safe_load(path.read_text("utf-8")) for path in sorted(DEMO_CONTENT.glob("orgs/*/org.yaml"))}


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [dict(zip(rows[1], row)) for row in rows[2:]]


def test_each_org_has_its_json_beside_its_page_with_every_field(demo_site):
    sources = org_sources()
    assert len(sources) == 17
    for slug, source in sources.items():
        document = json.loads((demo_site / slug / "index.json").read_text("utf-8"))
        assert set(document["fields"]) == set(source), slug
        assert document["name"] == source["name"] and document["kind"] == source["kind"]
        assert (document["parent"] or {}).get("slug") == source.get("parent")
        assert [(p["label"], p["number"]) for p in document["phones"]] == [
            (Phone.of(p).label, Phone.of(p).number) for p in source["phones"]]
        page = lxml.html.fromstring((demo_site / slug / "index.html").read_bytes())
        assert page.xpath('//head/link[@rel="alternate"][@type="application/json"]/@href') == [f"../{slug}/index.json"]


def test_the_directory_has_a_row_per_org_with_names_kinds_parents_addresses_hours_phones_members(demo_site):
    sources = org_sources()
    rows = {row["slug"]: row for row in read_csv(demo_site / "data/orgs.csv")}
    assert set(rows) == set(sources)
    for slug, source in sources.items():
        row = rows[slug]
        assert (row["name"], row["kind"], row["parent"], row["address"], row["hours"]) == (
            source["name"], source["kind"], source.get("parent", ""), source["address"], source["hours"])
        assert row["phones"].split("、") == [Phone.of(p).as_line() for p in source["phones"]]
        for member in source.get("members", ()):
            assert f"姓名：{member['name']}；职务：{member['role']}" in row["members"], slug
    assert rows["xiaohe-village"]["kind_label"] == "村" and rows["xiaohe-village"]["parent_name"] == "青石镇人民政府"
    members = read_csv(demo_site / "data/org-memberships.csv")
    assert len(members) == sum(len(s.get("members", ())) for s in sources.values()) > 30
    chair = next(m for m in members if m["person_name"] == "刘玉兰")
    assert (chair["organization_id"], chair["role"], chair["body"], chair["start_date"]) == (
        "xiaohe-village", "村务监督委员会主任", "村务监督委员会", "2021-04-20")


@pytest.fixture(scope="module")
def popolo_schemas():
    documents = {path.stem: json.loads(path.read_text("utf-8")) for path in POPOLO.glob("*.json")}
    registry = Registry().with_resources((d["id"].rstrip("#"), DRAFT3.create_resource(d)) for d in documents.values())
    return {name: jsonschema.Draft3Validator(d, registry=registry) for name, d in documents.items()}


def test_popolo_json_follows_the_popolo_schemas_and_its_ids_resolve(demo_site, popolo_schemas):
    document = json.loads((demo_site / "data/orgs.json").read_text("utf-8"))
    for kind, schema in (("organizations", "organization"), ("persons", "person"), ("memberships", "membership")):
        assert document[kind]
        for item in document[kind]:
            assert [e.message for e in popolo_schemas[schema].iter_errors(item)] == [], (kind, item.get("id"))
    orgs = {o["id"] for o in document["organizations"]}
    persons = {p["id"] for p in document["persons"]}
    assert all(o.get("parent_id", "county-gov") in orgs for o in document["organizations"])
    assert all(m["person_id"] in persons and m["organization_id"] in orgs for m in document["memberships"])
    xiaohe = next(o for o in document["organizations"] if o["id"] == "xiaohe-village")
    assert {c["type"] for c in xiaohe["contact_details"]} == {"address", "voice"}
    assert "办公时间" in xiaohe["contact_details"][0]["note"]


def test_the_popolo_check_can_fail(popolo_schemas):
    assert list(popolo_schemas["membership"].iter_errors({"person_id": 7, "start_date": "2021年"}))


def test_the_directory_is_listed_in_data_json_and_on_the_data_page(demo_site):
    catalogue = json.loads((demo_site / "data.json").read_text("utf-8"))
    directory = next(d for d in catalogue["dataset"] if d["identifier"].endswith(":dataset/orgs"))
    urls = {d["downloadURL"].rsplit("/", 2)[-1] for d in directory["distribution"]}
    assert urls == {"orgs.csv", "org-memberships.csv", "orgs.json"}
    assert directory["modified"] == json.loads((demo_site / "data/orgs.json").read_text("utf-8"))["modified"]
    page = lxml.html.fromstring((demo_site / "data/index.html").read_bytes())
    assert {"../data/orgs.csv", "../data/org-memberships.csv", "../data/orgs.json"} <= set(page.xpath("//table//td/a/@href"))
