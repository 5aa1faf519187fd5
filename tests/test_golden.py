"""The demo county's build, file by file, against a recorded list of SHA-256 digests.

A refactor must not change what citizens, feed readers and re-users get. When a change
is meant to change the output, record the new digests and let the diff of
tests/golden/demo.sha256 show which files moved:

    GONGKAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Feeds, JSON and data.json carry the times of the content's git commits: record the digests
after committing a change to content/, not before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "demo.sha256"


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def parse(text: str) -> dict[str, str]:
    return {path: digest for digest, path in (line.split("  ", 1) for line in text.splitlines() if line)}


def test_demo_build_is_byte_identical_to_the_recorded_one(demo_site):
    built = digests(demo_site)
    if os.environ.get("GONGKAI_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text("".join(f"{digest}  {path}\n" for path, digest in built.items()), "utf-8")
    recorded = parse(GOLDEN.read_text("utf-8"))
    changed = sorted(p for p in built.keys() & recorded.keys() if built[p] != recorded[p])
    assert (sorted(built.keys() - recorded.keys()), sorted(recorded.keys() - built.keys()), changed) == ([], [], []), (
        "the demo build differs from tests/golden/demo.sha256 (new, gone, changed files); if that is intended, "
        "run GONGKAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py and commit the new digests")
