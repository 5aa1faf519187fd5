"""Every CSV the site publishes: complete (nothing a record holds is left out), safe in a
spreadsheet (BOM, formulas made inert) and valid for frictionless (unique, non-blank headers,
every row as wide as its header)."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import validate

from conftest import DEMO_CONTENT, FIXTURES, publish
from gongkai.load import load_site
from gongkai.model import Record
from gongkai.schema import Schemas
from gongkai.settings import Settings
from gongkai.types import RECORD_TYPES
from gongkai.writers import data_csv

COUNTY = FIXTURES / "data-county"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The data fixture county: loaded (for the model) and built (for the files)."""
    tmp = tmp_path_factory.mktemp("csv")
    content = tmp / "content"
    shutil.copytree(COUNTY, content)
    result = publish("build", "--content", content, "--output", tmp / "output")
    assert result.returncode == 0, result.stderr
    site, problems = load_site(content, Settings())
    assert not problems.errors
    return site, tmp / "output"


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path} has no BOM: Excel would garble the Chinese"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# Complete: every field of every type --------------------------------------------------------

class Example:
    """A record of a type with EVERY field of its schema set, each to a value found nowhere else."""

    def __init__(self, document: dict):
        self.document = document
        self.count = 70000
        self.leaves: list[tuple[tuple, str]] = []  # (path, the text its cell must show)

    def _resolve(self, node: dict) -> dict:
        while "$ref" in node:
            node = {**self.document["definitions"][node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def value(self, node: dict, path: tuple):
        node = self._resolve(node)
        kind = node.get("type")
        kind = kind[0] if isinstance(kind, list) else kind
        if "enum" in node or "const" in node:
            found = node["enum"][-1] if "enum" in node else node["const"]
            text = str(found)
        elif kind == "object":
            return {k: self.value(p, path + (k,)) for k, p in node.get("properties", {}).items()}
        elif kind == "array":
            size = node.get("maxItems", 2) if node.get("minItems") == node.get("maxItems") else 2
            return [self.value(node.get("items", {}), path + (i,)) for i in range(size)]
        elif kind == "boolean":
            found, text = False, "否"
        else:
            self.count += 7
            found = {"integer": self.count, "number": Decimal(f"{self.count}.25")}.get(kind, f"〈{'.'.join(map(str, path))}〉")
            text = str(found)
        self.leaves.append((path, text))
        return found


def example_record(site, record_type: str) -> tuple[Record, list[tuple[tuple, str]]]:
    document = Schemas.shared()[record_type].document
    example = Example(document)
    skip = {"type", "org", "title", "date", "updated", "category", "index_no"}  # the record's own attributes
    data = {k: example.value(p, (k,)) for k, p in document["properties"].items() if k not in skip}
    org = next(iter(site.orgs.values()))
    record = Record(type=record_type, org=org, title="例子", date=date(2026, 3, 1), updated=None, category="财务",
                    summary=data["summary"], tags=data["tags"], attachments=[], body_html="", index_no="TEST-0001",
                    url=f"{org.slug}/{record_type}/test.html", source_path=f"orgs/{org.slug}/test.yaml", sha256="0" * 64,
                    data=data, body=data["body"])
    return record, example.leaves


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_every_field_of_every_type_has_its_value_in_the_csv(county, record_type):
    """Walk the type's schema, set every field, and find every value in the record's CSV rows."""
    site, _output = county
    record, leaves = example_record(site, record_type)
    cols, table = data_csv.rows(site, record_type, [record])
    assert leaves and table
    cells = [c for row in table for c in row]
    missing = [".".join(map(str, path)) for path, text in leaves if not any(text in c for c in cells)]
    assert missing == [], f"{record_type}: fields missing from the CSV"


def test_every_value_of_every_demo_record_is_in_its_csv(demo_site):
    """The same for the demo county's 193 records, against the CSV files the build wrote."""
    site, problems = load_site(DEMO_CONTENT, Settings())
    assert not problems.errors
    rows_by_index: dict[str, list[list[str]]] = {}
    for path in sorted((demo_site / "data").glob("*.csv")):
        for row in read_csv(path)[2:]:
            rows_by_index.setdefault(row[0], []).append(row)
    assert {r.type for r in site.records} == set(RECORD_TYPES)
    for record in site.records:
        cells = [c for row in rows_by_index[record.index_no] for c in row]
        refs = {record.refs[k].index_no for k in record.refs}
        for path, leaf in _leaves(record.data):
            text = data_csv.csv_text.cell(leaf).lstrip("'")
            if path[0] in record.refs:
                assert refs & set(cells), (record.source_path, path)
            elif path[0] != "type":
                assert any(text in c for c in cells), (record.source_path, path, text)
        assert record.body in cells


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    else:
        yield path, value


def test_finance_lines_keep_their_voucher(county):
    _site, output = county
    rows = read_csv(output / "data/finance.csv")
    vouchers = [row[rows[1].index("entries.voucher")] for row in rows[2:]]
    assert rows[0][rows[1].index("entries.voucher")] == "凭证号"
    assert "记-002" in vouchers and all(vouchers), vouchers


def test_decisions_give_a_row_per_stage_and_reports_a_column_per_applicant(demo_site):
    rows = read_csv(demo_site / "data/decision.csv")
    stage = rows[1].index("stages.stage")
    assert {row[stage] for row in rows[2:]} >= {"提议", "商议", "审议", "决议"}
    report = read_csv(demo_site / "data/report.csv")
    assert "收到和处理政府信息公开申请情况：本年新收政府信息公开申请数量：自然人" in report[0]
    assert report[1][report[0].index("行政复议：总计")] == "review.5"


# Safe in a spreadsheet, valid for frictionless ---------------------------------------------

def test_every_csv_has_unique_headers_and_passes_frictionless(county, demo_site):
    for output in (county[1], demo_site):
        paths = sorted((output / "data").rglob("*.csv"))
        assert len(paths) > 8
        for path in paths:
            rows = read_csv(path)
            assert len(set(rows[0])) == len(rows[0]), (path, [h for h in rows[0] if rows[0].count(h) > 1])
            report = validate(path.name, basepath=str(path.parent))
            assert report.valid, (path, [(e.type, e.note) for e in report.tasks[0].errors][:5])


def test_frictionless_finds_a_duplicate_header():
    """The check above can fail: two columns with one name are reported."""
    report = validate(b"\xef\xbb\xbfa,b,a\r\n1,2,3\r\n", format="csv")
    assert not report.valid and report.tasks[0].errors[0].type == "duplicate-label"


def test_fiscal_data_package_csv_is_protected_like_the_others(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(COUNTY, content)
    budget = content / "orgs/finance-bureau/budget/2026.yaml"
    budget.write_text(budget.read_text("utf-8").replace("name: 农林水支出", 'name: "=1+1"'), "utf-8")
    result = publish("build", "--content", content, "--output", tmp_path / "output")
    assert result.returncode == 0, result.stderr
    rows = read_csv(tmp_path / "output/data/budget/budget.csv")
    lines = [row[rows[0].index("line")] for row in rows[1:]]
    assert "'=1+1" in lines and "=1+1" not in lines
    planned = {row[rows[0].index("planned")] for row in rows[1:]}
    assert "400000.00" in planned  # numbers are never guarded
    assert validate(str(tmp_path / "output/data/budget/datapackage.json")).valid
