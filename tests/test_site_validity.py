"""Valid HTML: the Nu HTML checker (vnu-jar from npm, on the machine's Java) over every page of
the site fixture, the hostile fixture and the demo county, in one JVM run.

A deliberately broken page rides along in the same run: if the checker did not run or did not
report, that page's errors would be missing and the test fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from sitebuild import SITE_CONTENT, build, html_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONTROL = "<!doctype html><html lang=zh-CN><title>x</title><p><div></p>"


def run_vnu(files: list[Path]) -> list[dict]:
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("the Nu HTML checker needs `npm ci` (vnu-jar) and Java: .ci/install sets both up")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr)["messages"]


def test_every_page_is_valid_html(tmp_path, demo_site):
    fixture = build(SITE_CONTENT, tmp_path / "site")
    hostile = build(FIXTURES / "hostile-content", tmp_path / "hostile")
    control = tmp_path / "control.html"
    control.write_text(CONTROL, "utf-8")
    files = html_files(fixture) + html_files(hostile) + html_files(demo_site) + [control]
    assert len(files) > 100
    messages = run_vnu(files)
    by_file: dict[str, list[str]] = {}
    for m in messages:
        by_file.setdefault(m["url"].removeprefix("file:"), []).append(f"{m.get('lastLine')}: {m['message']}")
    assert str(control) in by_file, "the checker did not report the broken control page"
    del by_file[str(control)]
    assert by_file == {}
