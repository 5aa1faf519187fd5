"""A folder of small JSON documents kept outside the published content (drafts, pending changes).

Each document is one file named by a random id, written whole (temporary file, then rename)
so a crash never leaves half a draft. Ids are checked before they become file names.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

_ID = re.compile(r"^[0-9a-f]{16}$")


def new_id() -> str:
    return secrets.token_hex(8)


def valid_id(text: str) -> bool:
    return bool(_ID.match(text or ""))


def write_whole(path: Path, text: str, mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` at once: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(temporary, path)


class Store:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, id_: str) -> Path:
        if not valid_id(id_):
            raise KeyError(id_)
        return self.folder / f"{id_}.json"

    def put(self, document: dict) -> str:
        if not valid_id(document.get("id") or ""):
            document["id"] = new_id()
        write_whole(self._path(document["id"]), json.dumps(document, ensure_ascii=False, indent=1))
        return document["id"]

    def get(self, id_: str) -> dict | None:
        try:
            return json.loads(self._path(id_).read_text("utf-8"))
        except (KeyError, OSError, ValueError):
            return None

    def delete(self, id_: str) -> None:
        try:
            self._path(id_).unlink()
        except (KeyError, FileNotFoundError):
            pass

    def all(self) -> list[dict]:
        found = [self.get(p.stem) for p in sorted(self.folder.glob("*.json"))] if self.folder.is_dir() else []
        return sorted((d for d in found if d), key=lambda d: d.get("saved", ""), reverse=True)

    def of_org(self, slug: str) -> list[dict]:
        return [d for d in self.all() if d.get("org") == slug]


def state_folder(content: Path, given: str | None = None) -> Path:
    """Where the editor keeps what is not content (accounts, drafts, changes awaiting review):
    ``--state``, else ``.gongkai-editor`` beside the content folder — never inside it."""
    return Path(given).resolve() if given else Path(content).resolve().parent / ".gongkai-editor"
