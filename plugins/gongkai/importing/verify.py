"""The build's own checks on the records an import is about to write, before it writes them.

``load_site`` (what ``publish.py check`` and ``build`` run) reads a staging copy of the
content with the new files in place. The copy holds what the checks of these records can
depend on: every org's org.yaml (the tree) and the importing org's record files (periods
already published, duplicate 索引号). The same copy is checked without the new files first,
so problems the content had before are not blamed on the import, while every problem of a
new file, or one that the new files cause in another (a second record of the same month),
stops the import.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..load import load_site
from ..types import ORG_FILE
from ..problems import ERROR
from ..reading.source import is_record_file
from ..settings import Settings


def _stage(content_dir: Path, org_slug: str, stage: Path) -> None:
    for org_file in sorted((content_dir / "orgs").glob(f"*/{ORG_FILE}")):
        target = stage / org_file.relative_to(content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(org_file, target)
    org_dir = content_dir / "orgs" / org_slug
    for file in sorted(org_dir.rglob("*")):
        if is_record_file(file) and file.is_file() and not any(p.startswith(".") for p in file.relative_to(org_dir).parts):
            target = stage / file.relative_to(content_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)


def check_as_built(content_dir: Path, org_slug: str, files: dict[str, str], settings: Settings) -> tuple[list, dict]:
    """The problems the content has with ``files`` (content-relative path → text) in place that
    it did not have before; and the data the build reads from each of ``files`` that passed."""
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as tmp:
        stage = Path(tmp) / "content"
        stage.mkdir()
        _stage(content_dir, org_slug, stage)
        _, before = load_site(stage, settings)
        for relative, text in files.items():
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        site, after = load_site(stage, settings)
    known = {str(p) for p in before.sorted() if p.path not in files}
    caused = [p for p in after.sorted() if p.level == ERROR and (p.path in files or str(p) not in known)]
    return caused, {r.source_path: r.data for r in site.records if r.source_path in files}
