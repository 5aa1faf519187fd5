"""When a record was published and last changed, as times in Asia/Shanghai.

``published`` is the record's 生成日期. ``updated`` is, in this order: the clerk's
``updated`` key; the time of the last git commit that touched the record's file, when
the content folder is in git; the record's date. Never the build time, so building the
same content twice gives the same feeds and data files.

The git times come from ONE ``git log`` over the whole content folder (newest commit
first; the first commit that names a file is its last change): one process for 10,000
records, not one per file. The same log gives each file's first commit: a record whose
file was committed again after that (or whose ``updated`` key is after its date) is
``amended`` (OCDS publishes an update release for it).
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
    return git_history(content_dir)[0]


def git_history(content_dir: Path) -> tuple[dict[str, datetime], dict[str, datetime]]:
    """(last commit, first commit) touching each path relative to the content folder ({} outside git)."""
    command = ["git", "-C", str(content_dir), "-c", "core.quotepath=off", "log", "--relative", "--name-only",
               "-z", f"--format={_COMMIT}%cI", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return {}, {}
    if result.returncode != 0:
        return {}, {}
    return parse_git_history(result.stdout.decode("utf-8", "surrogateescape"))


def parse_git_log(text: str) -> dict[str, datetime]:
    return parse_git_history(text)[0]


def parse_git_history(text: str) -> tuple[dict[str, datetime], dict[str, datetime]]:
    """The log is newest first: a file's first mention is its last change, its last mention its first commit."""
    last: dict[str, datetime] = {}
    first: dict[str, datetime] = {}
    current = None
    for token in text.split("\0"):
        if token.startswith(_COMMIT):
            current = datetime.fromisoformat(token[1:].strip()).astimezone(SHANGHAI)
            continue
        name = token.strip("\n")
        if name and current is not None:
            last.setdefault(name, current)
            first[name] = current
    return last, first


def at_shanghai(value: date | datetime) -> datetime:
    """A date (midnight) or a datetime (naive ones are local time) as an aware Shanghai time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0, 0), SHANGHAI)
    if value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


class Times:
    """``published`` and ``updated`` of every record of one site."""

    def __init__(self, site, git: dict[str, datetime] | None = None, first_git: dict[str, datetime] | None = None):
        if git is None:
            git, first_git = git_history(site.content_dir)
        self.git = git
        self.first_git = first_git or {}
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

    def amended(self, record) -> bool:
        """Changed after it was first published: its ``updated`` key says so, or its file has a commit
        later than the one that added it (a record committed once, days after its date, is not amended)."""
        if record.updated is not None:
            return self.updated(record) > self.published(record)
        first = self.first_git.get(record.source_path)
        return first is not None and self.updated(record) > max(first, self.published(record))

    def newest(self, records, default: datetime = EPOCH) -> datetime:
        return max((self.updated(r) for r in records), default=default)

