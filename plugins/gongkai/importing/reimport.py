"""Re-import bookkeeping: which record files import wrote, and whether a clerk changed them since.

Every written file carries, in a comment, a fingerprint of what import wrote (SHA-256 of
the file without that line, newlines normalised). Importing again recomputes it: equal,
the file is import's own and may be updated in place (same path, so same 索引号); different,
someone edited it by hand and it is kept unless the clerk says ``--force``; no fingerprint,
import never wrote it and it is never replaced (spec §5: no command replaces what it did
not create).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..reading import yamltext

MARK = "# 导入校验码："
_MARK_LINE = re.compile(rf"^{MARK}([0-9a-f]{{16}})(?:.*)\n", re.MULTILINE)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


def mark_line(fingerprint_value: str) -> str:
    return f"{MARK}{fingerprint_value}（再次导入时据此判断这个文件是否被手工改过；改过的不会被覆盖，除非加 --force）"


def stamped(text: str) -> str:
    """``text`` with its fingerprint line in place of the placeholder ``{MARK}``-line."""
    unmarked = _MARK_LINE.sub("", text, count=1)
    return _MARK_LINE.sub(mark_line(fingerprint(unmarked)) + "\n", text, count=1)


@dataclass
class Existing:
    """A record file already at the path an import would write."""

    text: str
    state: str  # "ours": written by import, untouched; "edited": by import, then by hand; "foreign"
    date: str | None  # its 生成日期, kept on re-import
    index_no: str | None  # an explicit 索引号 a clerk added, kept too


def existing(file: Path) -> Existing | None:
    if not file.exists():
        return None
    text = file.read_text("utf-8", errors="replace")
    mark = _MARK_LINE.search(text.replace("\r\n", "\n"))
    if mark is None:
        state = "foreign"
    else:
        state = "ours" if fingerprint(_MARK_LINE.sub("", text.replace("\r\n", "\n"), count=1)) == mark.group(1) else "edited"
    try:
        data = yamltext.load(text)
    except (yaml.YAMLError, yamltext.DuplicateKey):
        data = None
    data = data if isinstance(data, dict) else {}
    date = data.get("date") if isinstance(data.get("date"), str) else None
    index_no = data.get("index_no") if isinstance(data.get("index_no"), str) else None
    return Existing(text, state, date, index_no)
