"""data.json against the DCAT-US 1.1 (Project Open Data) JSON Schema, kept in
tests/fixtures/standards/dcat-us-1.1 (never fetched), and the contact setting it needs."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT4

from conftest import FIXTURES, ROOT, publish
from sitebuild import build, write_config

SCHEMAS = FIXTURES / "standards" / "dcat-us-1.1"
# bureauCode and programCode are OMB codes of US federal agencies: the schema requires them, the
# standard says "Required: Yes (Federal agencies only)". A Chinese county has none.
FEDERAL_ONLY = {"bureauCode", "programCode"}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    documents = {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMAS.glob("*.json")}
    documents["dataset.json"]["required"] = [r for r in documents["dataset.json"]["required"] if r not in FEDERAL_ONLY]
    registry = Registry().with_resources((d["id"].rstrip("#"), DRAFT4.create_resource(d)) for d in documents.values())
    return jsonschema.Draft4Validator(documents["catalog.json"], registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def errors(validator, catalogue: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(catalogue)]


def test_the_demo_county_catalogue_is_valid_dcat_us(demo_site, validator):
    catalogue = json.loads((demo_site / "data.json").read_text("utf-8"))
    assert len(catalogue["dataset"]) > 50
    assert errors(validator, catalogue) == []
    assert {d["contactPoint"]["hasEmail"] for d in catalogue["dataset"]} == {"mailto:gongkai@qingfeng.example.gov.cn"}


def test_a_published_build_is_valid_dcat_us(tmp_path, validator):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "data-county", content)
    output = build(content, tmp_path / "site", GONGKAI_DATA_CONTACT_EMAIL="open.data@example.gov.cn")
    catalogue = json.loads((output / "data.json").read_text("utf-8"))
    assert errors(validator, catalogue) == []
    assert catalogue["dataset"][0]["contactPoint"]["hasEmail"] == "mailto:open.data@example.gov.cn"


def test_the_dcat_check_can_fail(demo_site, validator):
    catalogue = json.loads((demo_site / "data.json").read_text("utf-8"))
    del catalogue["dataset"][0]["contactPoint"]["hasEmail"]
    catalogue["dataset"][1]["contactPoint"]["hasEmail"] = "mailto:not an address"
    found = errors(validator, catalogue)
    assert len(found) == 2 and "'hasEmail' is a required property" in found[0], found


def test_a_site_to_publish_without_a_contact_is_one_clear_line(tmp_path):
    config = write_config(tmp_path, SITEURL="https://gongkai.example.gov.cn", GONGKAI_DATA_CONTACT_EMAIL="")
    result = publish("build", "--config", config, "--content", ROOT / "content", "--output", tmp_path / "out")
    line = len(config.read_text("utf-8").splitlines())  # the setting's own (last) line
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert result.stderr.strip().splitlines() == [
        f"{config}:{line}: 错误: 设置了 SITEURL（要发布的网站），还缺 GONGKAI_DATA_CONTACT_EMAIL：开放数据目录 data.json "
        "要写明回答数据问题的电子邮箱（DCAT-US 1.1 的 contactPoint.hasEmail，数据门户不收没有它的目录）；请在 pelicanconf.py 里加一行，"
        '例如 GONGKAI_DATA_CONTACT_EMAIL = "gongkai@qingchuan.gov.cn"']


def test_a_contact_that_is_no_address_is_refused(tmp_path):
    config = write_config(tmp_path, GONGKAI_DATA_CONTACT_EMAIL="数据办 gongkai")
    result = publish("check", "--config", config, "--content", ROOT / "content")
    assert result.returncode == 2 and "设置 GONGKAI_DATA_CONTACT_EMAIL 的写法不对" in result.stderr
