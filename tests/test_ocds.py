"""Procurement as OCDS, checked with libcoveocds (the Open Contracting Partnership's own checker,
as in its Data Review Tool) against the OCDS 1.1.5 schema and codelists kept in
tests/fixtures/standards/ocds-1__1__5 — never fetched: every web request would fail."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, publish

COUNTY = FIXTURES / "data-county"
STANDARD = FIXTURES / "standards" / "ocds-1__1__5"
TAG = "1__1__5"
FIRST_COMMIT = "2026-06-01T09:00:00+08:00"
EDIT = "2026-06-10T15:30:00+08:00"


def standard_zip() -> bytes:
    """The vendored schema and codelists laid out as the standard repository's archive, which
    libcoveocds's profile builder would otherwise download from GitHub."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"standard-{TAG}/", "")
        for path in sorted(STANDARD.rglob("*")):
            if path.is_file():
                archive.write(path, f"standard-{TAG}/{path.relative_to(STANDARD).as_posix()}")
    return buffer.getvalue()


def cove(package: dict, monkeypatch) -> dict:
    """libcoveocds's report on a release package, offline."""
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there: any download fails
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    config = LibCoveOCDSConfig({"standard_zip": standard_zip(), "context": "api"})
    return ocds_json_output("", json_data=package, lib_cove_ocds_config=config, record_pkg=False)


def problems(report: dict) -> dict:
    return {key: report[key] for key in ("validation_errors", "additional_closed_codelist_values",
                                         "additional_open_codelist_values", "additional_checks", "deprecated_fields")
            if report.get(key)}


def git(content: Path, *args, when: str = FIRST_COMMIT) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "文书",
           "GIT_AUTHOR_EMAIL": "clerk@example.cn", "GIT_COMMITTER_NAME": "文书", "GIT_COMMITTER_EMAIL": "clerk@example.cn"}
    subprocess.run(["git", "-C", str(content), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict:
    """The fixture county committed once (weeks after the records' dates), then the award amended."""
    tmp = tmp_path_factory.mktemp("ocds")
    content = tmp / "content"
    shutil.copytree(COUNTY, content)
    git(content, "init", "-q")
    git(content, "add", ".")
    git(content, "commit", "-q", "-m", "首次公开")
    award = content / "orgs/finance-bureau/procurement/pc-award.yaml"
    award.write_text(award.read_text("utf-8").replace("title: 办公设备采购中标结果公告", "title: 办公设备采购中标结果公告（更正）"), "utf-8")
    git(content, "commit", "-q", "-am", "更正中标公告标题", when=EDIT)
    result = publish("build", "--content", content, "--output", tmp / "output")
    assert result.returncode == 0, result.stderr
    return json.loads((tmp / "output/data/procurement/releases.json").read_text("utf-8"))


def test_libcoveocds_finds_nothing_to_report(package, monkeypatch):
    report = cove(package, monkeypatch)
    assert report["version_used"] == "1.1" and report["count"] == len(package["releases"]) == 5
    assert problems(report) == {}


def test_a_record_first_released_at_its_date_and_updated_only_when_amended(package):
    tags = {(r["tag"][0], r["date"]) for r in package["releases"]}
    # Committed on 06-01, long after their dates: still one plain release each, dated the record's date.
    assert {("tender", "2026-04-01T00:00:00+08:00"), ("contract", "2026-04-28T00:00:00+08:00"),
            ("tender", "2026-05-02T00:00:00+08:00")} <= tags
    # The amended award: its first release, then the update at the edit's time (codelist: an update follows).
    assert ("award", "2026-04-20T00:00:00+08:00") in tags and ("awardUpdate", EDIT) in tags
    assert not [t for t, _ in tags if t.endswith("Update") and t != "awardUpdate"]
    process = [r for r in package["releases"] if "tender" in r and "items" in r["tender"]][0]["ocid"]
    dates = [r["date"] for r in package["releases"] if r["ocid"] == process]
    assert len(set(dates)) == len(dates) == 4  # tender, award, its update and contract: each its own date
    assert len({r["id"] for r in package["releases"]}) == 5
    assert_updates_follow_their_release(package)


def test_documents_are_typed_from_the_codelist(package):
    kinds = {d["documentType"] for r in package["releases"] for part in ("tender", "awards", "contracts")
             for holder in ([r[part]] if part == "tender" and part in r else r.get(part, ())) for d in holder.get("documents", ())}
    assert kinds == {"tenderNotice", "awardNotice", "contractNotice"}


def test_libcoveocds_reports_what_the_codelists_lack(package, monkeypatch):
    """The check above can fail: a release tagged with a code outside releaseTag, a document of an
    unknown type, and a release without its ocid are each reported."""
    broken = json.loads(json.dumps(package))
    broken["releases"][0]["tag"] = ["notice"]
    del broken["releases"][1]["ocid"]
    broken["releases"][2].setdefault("tender", {}).setdefault("documents", [{"id": "x"}])[0]["documentType"] = "notice"
    found = problems(cove(broken, monkeypatch))
    errors = json.dumps(found, ensure_ascii=False)
    assert "'ocid' is missing" in errors or "ocid" in errors
    assert "notice" in errors and found.get("validation_errors")


def test_demo_county_procurement_passes_libcoveocds(demo_site, monkeypatch):
    package = json.loads((demo_site / "data/procurement/releases.json").read_text("utf-8"))
    assert problems(cove(package, monkeypatch)) == {}
    assert_updates_follow_their_release(package)


def assert_updates_follow_their_release(package: dict) -> None:
    """releaseTag: an update follows (the package is in date order) the release of the same record it updates."""
    first = {}
    for release in package["releases"]:
        record, tag = release["id"].rsplit("-", 1)[0], release["tag"][0]
        if tag.endswith("Update"):
            assert first.get(record) == tag.removesuffix("Update"), release["id"]
        else:
            assert record not in first, release["id"]
            first[record] = tag
    assert first
