"""Paths a request may name: record files inside the content folder, and nothing else.

A path comes from a URL (``/edit/<path>``) or a form, so it is untrusted: ``..``, absolute
paths, backslashes, empty parts and symlinks that lead out of the content folder are all
refused, and it must name a record file in an org's folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..reading.source import RECORD_SUFFIXES

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")


class Refused(Exception):
    """A path outside what the editor may touch (said in Chinese, for the page)."""


def inside(content: Path, relative: str) -> Path:
    """The file ``relative`` names under ``content``, refused if it could lead anywhere else."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or _UNSAFE.search(relative) or any(p in ("", ".", "..") for p in parts):
        raise Refused(f"路径“{relative}”不合规：只能是内容文件夹里的文件")
    root = content.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise Refused(f"路径“{relative}”通向内容文件夹之外（符号链接？），拒绝访问")
    return target


def record_path(content: Path, relative: str) -> str:
    """``relative`` if it names a record file (orgs/<slug>/…/<name>.yaml|.yml|.md) safely."""
    inside(content, relative)
    parts = relative.split("/")
    if len(parts) < 3 or parts[0] != "orgs" or not _SLUG.match(parts[1]) or not relative.endswith(RECORD_SUFFIXES):
        raise Refused(f"“{relative}”不是记录文件：记录在 orgs/<机构>/ 下，以 .yaml 或 .md 结尾")
    return relative


def org_slug(slug: str) -> str:
    if not _SLUG.match(slug or ""):
        raise Refused(f"机构“{slug}”的写法不对：机构文件夹名只有小写字母、数字和“-”")
    return slug
