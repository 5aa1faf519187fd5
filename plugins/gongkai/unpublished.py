"""Files a clerk saved that nothing will publish, each named in a warning saying what to do.

Under an org's folder every file is a record (read, whatever its problems), an attachment
(a record names it in ``attachments`` or ``forms``) or named here. Outside ``orgs/`` and
``pages/`` nothing is read at all. Without these warnings a ledger saved by Notepad as
``2026-11.yaml.txt``, or dropped into the content folder itself, is simply missing from
the site and nobody is told.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problems
from .reading.source import RECORD_SUFFIXES, SourceFile

ATTACHMENT_KEYS = ("attachments", "forms")  # the record keys whose items name files
READ_FOLDERS = ("orgs", "pages")
_NOTEPAD_SUFFIXES = tuple(suffix + ".txt" for suffix in RECORD_SUFFIXES)


def visible_files(folder: Path):
    """Every file under ``folder`` except hidden ones (``.git``, ``.DS_Store``), sorted."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def files_named_by(source: SourceFile, content_dir: Path):
    """The files a record names as attachments, resolved: also for a record with errors, so
    its attachment is not called unused while the clerk fixes the record."""
    record_dir = (content_dir / source.path).parent
    for key in ATTACHMENT_KEYS:
        items = source.data.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("file"), str):
                yield (record_dir / item["file"]).resolve()


def warn_unnamed(files, named: set[Path], content_dir: Path, problems: Problems) -> None:
    """Files in org folders that are not records and that no record names."""
    for file in files:
        if file.resolve() in named:
            continue
        problems.warning(file.relative_to(content_dir).as_posix(), 1, notepad_advice(file, "这条记录") or
                         "没有哪条记录把这个文件列为附件，它不会发布：是附件就写进相关记录的 attachments"
                         "（file: 与记录同一文件夹起算的路径），用不着就移出 content 文件夹")


def notepad_advice(file: Path, what: str) -> str | None:
    """For 2026-11.yaml.txt: Notepad added “.txt”, which Windows hides by default."""
    if not file.name.lower().endswith(_NOTEPAD_SUFFIXES):
        return None
    return (f"文件名末尾多了“.txt”（记事本保存时加上的），{what}没有读入：请把文件改名为“{file.name[:-4]}”"
            "（在文件夹的“查看”里勾选“文件扩展名”就能看到完整的文件名）")


def warn_loose_in_orgs(file: Path, content_dir: Path, problems: Problems) -> None:
    problems.warning(file.relative_to(content_dir).as_posix(), 1,
                     "这个文件直接放在 orgs/ 下，不会发布：记录和附件都要放进机构自己的文件夹（orgs/<机构文件夹>/…）")


def warn_outside_read_folders(content_dir: Path, problems: Problems) -> None:
    """Files in the content folder but outside orgs/ and pages/, which nothing reads."""
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith(".") or (entry.name in READ_FOLDERS and entry.is_dir()):
            continue
        for file in visible_files(entry) if entry.is_dir() else [entry]:
            problems.warning(file.relative_to(content_dir).as_posix(), 1,
                             "这个文件不在 orgs/ 或 pages/ 里，不会发布：记录请放到 orgs/<机构文件夹>/ 下，网站页面放到 pages/ 下")
