"""What a deploy must change on the target, in an order that never breaks the live site.

The target keeps a listing of what was deployed (``.gongkai-deployed.json``: path → SHA-256).
Only files whose hash differs are sent. Order:

1. new and changed assets (CSS, attachments, data, schemas …) — nothing links to them yet;
2. pages, each after the new pages it links to (record pages before the org page listing them);
3. the home page and the feeds;
4. the publisher key, the manifest and its signature;
5. deletions of what is no longer built: pages first, then what they linked to.

At every moment a page on the target links only to files that exist there, except for a new
page linking to another new page that links back to it (a new org and its new records): then
the deeper one goes first, and nothing on the target links to it yet.

Every file about to be sent is first written into the listing as "pending" (hash ""), so an
interrupted deploy, run again, re-sends it — or deletes it when it is no longer built —
whatever state the interruption left it in.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..manifest import MANIFEST, PUBLIC_KEY, SIGNATURE, Entry

STATE = ".gongkai-deployed.json"
STATE_FORMAT = "gongkai-deployed/1"
PENDING = ""
ENTRY_SUFFIXES = (".xml", ".atom", ".rss", ".opml")
LAST = (PUBLIC_KEY, MANIFEST, SIGNATURE)
_LINK = re.compile(rb"""(?:href|src)\s*=\s*["']([^"'#?]+)""")

UPLOAD, REPLACE, DELETE = "新增", "更新", "删除"


@dataclass(frozen=True)
class Change:
    action: str
    path: str
    size: int = 0
    sha256: str = ""


def phase(path: str) -> int:
    """1 assets, 2 pages, 3 home page and feeds, 4 key/manifest/signature."""
    if path in LAST:
        return 4
    if path == "index.html" or path.endswith(ENTRY_SUFFIXES):
        return 3
    if path.endswith(".html"):
        return 2
    return 1


def safe_path(path: str) -> bool:
    """A site-relative path that stays inside the site: a listing from the server is not trusted
    to name ``../`` or absolute paths for deletion."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and not any(p in ("", ".", "..") for p in parts)


def read_state(data: bytes | None) -> dict[str, str]:
    """path → SHA-256 of what the target holds ("" for a file whose upload may not have finished)."""
    if not data:
        return {}
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") == STATE_FORMAT:
            return {str(k): str(v) for k, v in document["files"].items() if safe_path(str(k))}
    except (ValueError, KeyError, AttributeError, UnicodeDecodeError):
        pass
    return {}  # unreadable: send everything again, which is always safe


def state_bytes(deployed: dict[str, str]) -> bytes:
    document = {"format": STATE_FORMAT, "files": dict(sorted(deployed.items()))}
    return (json.dumps(document, ensure_ascii=False, indent=0) + "\n").encode("utf-8")


def links(page: Path, path: str) -> set[str]:
    """Site paths that the HTML file ``page`` (at site path ``path``) links to or embeds."""
    found = set()
    base = posixpath.dirname(path)
    for match in _LINK.finditer(page.read_bytes()):
        href = match.group(1).decode("utf-8", "replace").strip()
        if not href or "://" in href or href.startswith(("mailto:", "tel:", "data:", "javascript:", "//")):
            continue
        target = posixpath.normpath(href.lstrip("/") if href.startswith("/") else posixpath.join(base, href))
        if target.endswith("/") or target == ".":
            target = posixpath.join(target, "index.html")
        found.add(target)
    return found


def pages_in_link_order(output: Path, pages: list[str], new: set[str]) -> list[str]:
    """``pages`` so that each comes after the ``new`` pages (not yet on the target) it links to.

    Links to pages already on the target need no wait: the old version serves meanwhile.
    """
    todo = set(pages) & new
    ordered, seen = [], set()

    def visit(path: str) -> None:
        seen.add(path)
        for target in sorted(links(output / path, path) & todo) if todo else ():
            if target not in seen:
                visit(target)
        ordered.append(path)

    for path in sorted(pages, key=lambda p: (-p.count("/"), p)):
        if path not in seen:
            visit(path)
    return ordered


def plan(output: Path, local: list[Entry], deployed: dict[str, str], force: bool = False) -> list[Change]:
    """Every change, in the order to make it."""
    built = {e.path: e for e in local}
    sends = [Change(REPLACE if e.path in deployed and deployed[e.path] != PENDING else UPLOAD, e.path, e.size, e.sha256)
             for e in local if force or deployed.get(e.path) != e.sha256]
    by_path = {c.path: c for c in sends}
    ordered = []
    for number in (1, 2, 3, 4):
        paths = sorted(c.path for c in sends if phase(c.path) == number)
        if number == 2:
            paths = pages_in_link_order(output, paths, {c.path for c in sends if c.action == UPLOAD})
        if number == 4:
            paths = [p for p in LAST if p in by_path]
        ordered += [by_path[p] for p in paths]
    stale = [p for p in deployed if p not in built]
    ordered += [Change(DELETE, p) for p in sorted(stale, key=lambda p: (not p.endswith(".html"), p))]
    return ordered
