"""The schemas in the repository's schemas/ folder (what editors validate records against on a
fresh clone) are the types' current schemas, and every record's $schema line leads to its own.

    GONGKAI_UPDATE_SCHEMAS=1 .venv/bin/python -m pytest tests/test_schema_files.py   # regenerate
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import DEMO_CONTENT, ROOT, publish
from gongkai.schema import Schemas
from gongkai.types import ALL_TYPES
from sitebuild import write_config

SCHEMAS = ROOT / "schemas"
LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def test_the_repository_schemas_are_the_current_ones():
    current = Schemas().published()
    if os.environ.get("GONGKAI_UPDATE_SCHEMAS") == "1":
        for name, text in current.items():
            (SCHEMAS / name).write_text(text, "utf-8")
    assert {p.name for p in SCHEMAS.glob("*.json")} == set(current) == {f"{t}.json" for t in ALL_TYPES}
    stale = [name for name, text in current.items() if (SCHEMAS / name).read_text("utf-8") != text]
    assert stale == [], ("schemas/ is out of date: GONGKAI_UPDATE_SCHEMAS=1 .venv/bin/python -m pytest "
                         "tests/test_schema_files.py, and commit schemas/")


def test_every_demo_record_points_at_its_own_schema_in_the_repository():
    files = sorted(DEMO_CONTENT.rglob("*.yaml"))
    pointed = 0
    for path in files:
        text = path.read_text("utf-8")
        found = LINE.search(text)
        if found is None:
            continue
        pointed += 1
        kind = re.search(r"^type: (\w+)", text, re.M).group(1)
        target = (path.parent / found.group(1)).resolve()
        assert target == SCHEMAS / f"{kind}.json", (path, found.group(1))
    assert pointed == len(files) > 100


def test_new_points_at_the_repository_schemas_or_the_published_ones(content_copy, tmp_path):
    result = publish("new", "finance", "--org", "xiaohe-village", "--name", "2027-01", "--content", content_copy)
    assert result.returncode == 0, result.stderr
    created = Path(result.stdout.strip())
    line = LINE.search(created.read_text("utf-8")).group(1)
    assert (created.parent / line).resolve() == SCHEMAS / "finance.json"
    note = publish("new", "notice", "--org", "xiaohe-village", "--name", "tongzhi", "--content", content_copy)
    created = Path(note.stdout.strip())
    assert created.suffix == ".md" and (created.parent / LINE.search(created.read_text("utf-8")).group(1)).resolve() == SCHEMAS / "notice.json"
    config = write_config(tmp_path, SITEURL="https://gongkai.example.gov.cn", GONGKAI_DATA_CONTACT_EMAIL="gongkai@example.gov.cn")
    published = publish("new", "policy", "--org", "county-gov", "--name", "2027-1", "--content", content_copy, "--config", config)
    assert published.returncode == 0, published.stderr
    assert LINE.search(Path(published.stdout.strip()).read_text("utf-8")).group(1) == "https://gongkai.example.gov.cn/schemas/policy.json"
