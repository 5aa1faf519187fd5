"""When a record was published and last changed, as times in Asia/Shanghai.

``published`` is the record's 生成日期. ``updated`` is, in this order: the clerk's
``updated`` key; the time of the last git commit that touched the record's file, when
the content folder is in git; the record's date. Never the build time, so building the
same content twice gives the same feeds and data files.

The git times come from ONE ``git log`` over the whole content folder (newest commit
first; the first commit that names a file is its last change): one process for 10,000
records, not one per file.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

# China has kept UTC+8 without daylight saving since 1991; records start in 1990 at the
# earliest, so a fixed offset is exact and needs no tz database on the build machine.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
EPOCH = datetime(1970, 1, 1, tzinfo=SHANGHAI)
_COMMIT = "\x01"


def git_times(content_dir: Path) -> dict[str, datetime]:
    """Path relative to the content folder → time of the last commit touching it ({} outside git)."""
    command = ["git", "-C", str(content_dir), "-c", "core.quotepath=off", "log", "--relative", "--name-only",
               "-z", f"--format={_COMMIT}%cI", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    return parse_git_log(result.stdout.decode("utf-8", "surrogateescape"))


def parse_git_log(text: str) -> dict[str, datetime]:
    times: dict[str, datetime] = {}
    current = None
    for token in text.split("\0"):
        if token.startswith(_COMMIT):
            current = datetime.fromisoformat(token[1:].strip()).astimezone(SHANGHAI)
            continue
        name = token.strip("\n")
        if name and current is not None:
            times.setdefault(name, current)
    return times


def at_shanghai(value: date | datetime) -> datetime:
    """A date (midnight) or a datetime (naive ones are local time) as an aware Shanghai time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0, 0), SHANGHAI)
    if value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


class Times:
    """``published`` and ``updated`` of every record of one site."""

    def __init__(self, site, git: dict[str, datetime] | None = None):
        self.git = git_times(site.content_dir) if git is None else git
        self._updated: dict[int, datetime] = {}  # by id(record): every writer asks for every record

    def published(self, record) -> datetime:
        return at_shanghai(record.date)

    def updated(self, record) -> datetime:
        key = id(record)
        if key not in self._updated:
            self._updated[key] = self._last_change(record)
        return self._updated[key]

    def _last_change(self, record) -> datetime:
        if record.updated is not None:
            changed = at_shanghai(record.updated)
        else:
            changed = self.git.get(record.source_path) or self.published(record)
        # A record cannot change before it exists: a commit made before the record's date
        # (a clerk preparing a notice in advance) shows as published then, not earlier.
        return max(changed, self.published(record))

    def newest(self, records, default: datetime = EPOCH) -> datetime:
        return max((self.updated(r) for r in records), default=default)

