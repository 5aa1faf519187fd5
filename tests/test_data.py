"""Open data read back with the standards' own validators: frictionless, the OCDS schema, csv, json.

The fixture county (tests/fixtures/data-county) is built once, outside git, so every
``updated`` time is the record's own date (or its ``updated`` key).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import lxml.html
import pytest
import yaml

from conftest import DEMO_CONTENT, FIXTURES, publish
from gongkai.load import load_site
from gongkai.settings import Settings
from gongkai.writers import data_csv

COUNTY = FIXTURES / "data-county"
STANDARDS = FIXTURES / "standards"
PREVIEW = "http://127.0.0.1:8000/"
MONEY_KEYS = {"opening_balance", "closing_balance", "amount", "planned", "actual", "income_total", "expense_total",
              "rate", "total", "value", "budget"}
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def build(content: Path, output: Path) -> Path:
    result = publish("build", "--content", content, "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("data")
    content = tmp / "content"
    shutil.copytree(COUNTY, content)
    return build(content, tmp / "output")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    content = tmp_path_factory.mktemp("model") / "content"
    shutil.copytree(COUNTY, content)  # outside git, like site_dir: updated times are the records' own
    site, problems = load_site(content, Settings(site_name="青川县政务村务公开"))
    assert not problems.errors
    return site


def sources(kind: str) -> list[dict]:
    """The fixture's records of one type, read with plain PyYAML (not our reader)."""
    found = []
    for path in sorted(COUNTY.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data.get("type") == kind:
            found.append(data)
    return found


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path} has no BOM: Excel would garble the Chinese"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# Record JSON -----------------------------------------------------------------------

def record_documents(site_dir: Path) -> list[tuple[Path, dict]]:
    found = []
    for path in sorted(site_dir.glob("*/*/*.json")):
        document = json.loads(path.read_text("utf-8"))
        if "index_no" in document:
            found.append((path, document))
    return found


def _money_strings(value, key=None):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _money_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _money_strings(v, key)
    elif key in MONEY_KEYS:
        yield value


def test_every_record_has_json_with_every_field_and_money_exactly_as_written(site_dir, model):
    documents = record_documents(site_dir)
    assert len(documents) == len(model.records) == 12
    for path, document in documents:
        source_text = (COUNTY / document["source"]).read_text("utf-8")
        source = yaml.safe_load(source_text.split("---")[1] if source_text.startswith("---") else source_text)
        assert set(document["fields"]) == set(source), path  # every key the clerk wrote
        assert document["url"] == PREVIEW + path.relative_to(site_dir).with_suffix(".html").as_posix()
        for money in _money_strings(document["fields"]):
            assert isinstance(money, str) and re.fullmatch(r"\d+(\.\d{1,2})?", money), (path, money)
            assert re.search(rf"\b{re.escape(money)}\b", source_text), (path, money)  # the clerk's own digits
    march = next(d for _, d in documents if d["title"] == "2026年3月财务收支公开")
    assert [e["amount"] for e in march["fields"]["income"]] == ["1200.10", "3000.00"]
    assert march["updated"] == "2026-04-05T00:00:00+08:00"
    subsidy = next(d for _, d in documents if d["type"] == "subsidy")
    assert subsidy["fields"]["recipients"][0] == {"name": "张某某", "group": "一组", "quantity": "2.0", "amount": "211.00"}


def test_record_pages_link_their_json(site_dir):
    for path, document in record_documents(site_dir):
        page = lxml.html.fromstring(path.with_suffix(".html").read_bytes())
        assert page.xpath('//head/link[@rel="alternate"][@type="application/json"]/@href') == [f"../../{path.relative_to(site_dir).as_posix()}"]


# CSV -------------------------------------------------------------------------------

def test_csv_rows_are_ledger_lines_recipients_budget_lines_and_items(site_dir):
    expected = {
        "finance": sum(len(r["income"]) + len(r["expense"]) for r in sources("finance")),
        "subsidy": sum(len(r["recipients"]) for r in sources("subsidy")),
        "budget": sum(len(r["lines"]) for r in sources("budget")),
        "procurement": sum(max(1, len(r.get("items", ()))) for r in sources("procurement")),
    }
    assert expected == {"finance": 5, "subsidy": 2, "budget": 5, "procurement": 5}
    for kind, count in expected.items():
        rows = read_csv(site_dir / f"data/{kind}.csv")
        assert len(rows) == 2 + count, kind
        assert rows[1][:2] == ["index_no", "org"] and rows[0][:2] == ["索引号", "机构代号"]
        assert all(len(row) == len(rows[0]) for row in rows)


def test_csv_round_trips_every_row_through_utf8_sig(site_dir, model):
    for kind in ("finance", "subsidy", "budget", "procurement", "notice", "policy"):
        records = [r for r in model.records if r.type == kind]
        columns, table = data_csv.rows(model, kind, records)
        rows = read_csv(site_dir / f"data/{kind}.csv")
        assert rows[0] == [c.label for c in columns] and rows[1] == [c.key for c in columns]
        assert rows[2:] == table, kind


def test_org_csvs_together_hold_exactly_the_site_csv(site_dir):
    for kind in ("finance", "budget", "procurement", "notice"):
        whole = read_csv(site_dir / f"data/{kind}.csv")
        parts = [row for path in sorted(site_dir.glob(f"data/orgs/*/{kind}.csv")) for row in read_csv(path)[2:]]
        assert Counter(map(tuple, parts)) == Counter(map(tuple, whole[2:])), kind


def test_csv_keeps_money_exact_and_makes_formulas_inert(site_dir):
    rows = read_csv(site_dir / "data/finance.csv")
    keys = rows[1]
    by_summary = {row[keys.index("entries.summary")]: row for row in rows[2:]}
    amount = keys.index("entries.amount")
    assert by_summary["村级组织运转经费"][amount] in ("1200.10", "2000")
    assert {row[amount] for row in rows[2:]} == {"1200.10", "3000.00", "320.50", "2000", "0.01"}
    assert "'=SUM(1+1) 鱼塘承包费，含逗号, 和\"引号\"" in by_summary  # Excel shows it, never runs it
    assert "办公用品\n两行摘要" in by_summary
    march = by_summary["办公用品\n两行摘要"]
    assert march[keys.index("reviewed_by.members")] == "李某、王某" and march[keys.index("reviewed_by.date")] == "2026-04-03"
    assert march[keys.index("tags")] == "月度财务、村级组织运转" and rows[0][keys.index("reviewed_by.members")] == "监委会审核：审核人"


# Fiscal Data Package ---------------------------------------------------------------

def test_frictionless_validate_accepts_the_budget_package(site_dir):
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(site_dir / "data/budget/datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert report["tasks"][0]["stats"]["rows"] == 5


def test_budget_package_follows_the_fiscal_data_package_profile(site_dir):
    descriptor = json.loads((site_dir / "data/budget/datapackage.json").read_text("utf-8"))
    profile = json.loads((STANDARDS / "fiscal-data-package.json").read_text("utf-8"))
    errors = [e.message for e in jsonschema.Draft4Validator(profile).iter_errors(descriptor)]
    assert errors == []
    fields = {f["name"] for f in descriptor["resources"][0]["schema"]["fields"]}
    model_sources = {m["source"] for m in descriptor["model"]["measures"].values()}
    model_sources |= {a["source"] for d in descriptor["model"]["dimensions"].values() for a in d["attributes"].values()}
    assert model_sources <= fields
    with (site_dir / "data/budget/budget.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    final = [r for r in rows if r["budget_phase"] == "final"]
    assert {(r["direction"], r["planned"], r["actual"]) for r in final} == {
        ("revenue", "1100000.00", "1098000.50"), ("expenditure", "1100000.00", "1098000.50")}


def test_frictionless_rejects_a_broken_budget_csv(site_dir, tmp_path):
    """The validator run above can fail: a planned amount that is not a number is reported."""
    copy = tmp_path / "budget"
    shutil.copytree(site_dir / "data/budget", copy)
    text = (copy / "budget.csv").read_text("utf-8")
    (copy / "budget.csv").write_text(text.replace("800000.00", "八十万", 1), "utf-8")
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(copy / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and not json.loads(result.stdout)["valid"]


# OCDS ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def release_validator():
    schema = json.loads((STANDARDS / "ocds-1__1__5/schema/release-schema.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_procurement_releases_validate_against_the_ocds_release_schema(site_dir, release_validator):
    package = json.loads((site_dir / "data/procurement/releases.json").read_text("utf-8"))
    assert {"uri", "publisher", "publishedDate", "releases", "version"} <= set(package) and package["version"] == "1.1"
    releases = package["releases"]
    assert len(releases) == 4
    for release in releases:
        errors = [f"{list(e.path)}: {e.message}" for e in release_validator.iter_errors(release)]
        assert errors == [], release["id"]
        assert {"ocid", "id", "date", "tag"} <= set(release) and release["date"].endswith("+08:00")
    assert len({(r["ocid"], r["id"]) for r in releases}) == 4
    by_tag = {r["tag"][0]: r for r in releases if r["tag"][0] != "tender" or "items" in r["tender"]}
    assert by_tag["tender"]["ocid"] == by_tag["award"]["ocid"] == by_tag["contract"]["ocid"]  # one process
    assert by_tag["contract"]["contracts"][0]["awardID"] == by_tag["award"]["awards"][0]["id"]
    assert by_tag["award"]["awards"][0]["value"] == {"amount": 52000, "currency": "CNY"}


def test_the_ocds_check_can_fail(site_dir, release_validator):
    release = json.loads((site_dir / "data/procurement/releases.json").read_text("utf-8"))["releases"][0]
    del release["ocid"]
    release["tag"] = ["bid"]
    messages = " ".join(e.message for e in release_validator.iter_errors(release))
    assert "'ocid' is a required property" in messages and "'bid' is not one of" in messages


# DCAT and the data page ------------------------------------------------------------

def test_data_json_is_a_dcat_us_catalogue_harvesters_accept(site_dir):
    catalogue = json.loads((site_dir / "data.json").read_text("utf-8"))
    assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    datasets = catalogue["dataset"]
    assert len(datasets) == 6 + 1 + 7  # six types site-wide, the org directory, seven (org, type) pairs
    for dataset in datasets:
        for key in ("identifier", "title", "description", "keyword", "modified", "publisher", "distribution"):
            assert dataset.get(key), (dataset.get("title"), key)
        assert isinstance(dataset["keyword"], list) and all(dataset["keyword"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", dataset["modified"])
        for distribution in dataset["distribution"]:
            assert distribution["downloadURL"].startswith(PREVIEW)
            assert (site_dir / distribution["downloadURL"].removeprefix(PREVIEW)).is_file()
    assert len({d["identifier"] for d in datasets}) == len(datasets)


def test_data_page_lists_every_download_with_its_size_and_last_change(site_dir):
    page = lxml.html.fromstring((site_dir / "data/index.html").read_bytes())
    catalogue = json.loads((site_dir / "data.json").read_text("utf-8"))
    downloads = {d["downloadURL"].removeprefix(PREVIEW) for ds in catalogue["dataset"] for d in ds["distribution"]}
    listed = {}
    for row in page.xpath("//table//tr[td]"):
        href = row.xpath("./td[1]/a/@href")[0]
        listed[(site_dir / "data" / href).resolve().relative_to(site_dir.resolve()).as_posix()] = (
            row.xpath("./td[2]")[0].text_content(), row.xpath("./td[3]/time/@datetime")[0])
    assert set(listed) == downloads
    size, changed = listed["data/orgs/xiaohe-village/finance.csv"]
    bytes_ = (site_dir / "data/orgs/xiaohe-village/finance.csv").stat().st_size
    assert 1024 < bytes_ < 1024 * 1024 and size == f"{bytes_ / 1024:.1f} KB"  # the CSV's own size, as people read it
    assert changed == "2026-04-05"  # the newest ledger's date, not the build's
    assert listed["data/notice.csv"][1] == "2026-03-01"  # 道路公示 updated 02-15 is older than the 03-01 notice


def test_building_twice_gives_byte_identical_data(site_dir, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COUNTY, content)
    again = build(content, tmp_path / "again")
    names = [p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file() and (
        p.suffix in (".csv", ".json") and "search" not in p.parts) and p.name != "manifest.json"]
    names.append(Path("data/index.html"))
    assert len(names) > 30
    for name in names:
        assert (again / name).read_bytes() == (site_dir / name).read_bytes(), name


@pytest.mark.skipif(not (DEMO_CONTENT / "orgs").is_dir(), reason="the demo county (content/) is not there yet")
def test_demo_county_open_data_validates(demo_site, release_validator):
    if (demo_site / "data/budget/datapackage.json").is_file():
        result = subprocess.run([str(FRICTIONLESS), "validate", "--json", str(demo_site / "data/budget/datapackage.json")],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-3000:]
    if (demo_site / "data/procurement/releases.json").is_file():
        for release in json.loads((demo_site / "data/procurement/releases.json").read_text("utf-8"))["releases"]:
            assert list(release_validator.iter_errors(release)) == [], release["id"]
    for dataset in json.loads((demo_site / "data.json").read_text("utf-8"))["dataset"]:
        assert dataset["identifier"] and dataset["keyword"]
    for path in (demo_site / "data").rglob("*.csv"):  # every CSV, the Fiscal Data Package's too, has its BOM
        rows = read_csv(path)
        assert len(rows) >= 3 and all(len(r) == len(rows[0]) for r in rows), path


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", (360, 1280))
def test_data_and_feeds_pages_pass_axe_and_fit_a_phone(site_dir, browser, width):
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: .ci/install runs npm ci")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    try:
        for name in ("data/index.html", "feeds/index.html"):
            page = context.new_page()
            page.goto((site_dir / name).as_uri())
            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                   ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
            assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]] == [], name
            page.close()
    finally:
        context.close()
