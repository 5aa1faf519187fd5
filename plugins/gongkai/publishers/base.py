"""The publisher every scheme shares (after Lektor's): connect, read the listing, send, delete.

A scheme's publisher only knows how to put one file, delete one file and read or write
the listing on its kind of server; what to send and in which order is ``plan``'s, and
the driving (listing kept up to date, progress, report) is ``Publisher.publish``'s.
"""

from __future__ import annotations

import errno
import posixpath
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Self

from ..errors import DeployError as DeployError  # what every publisher raises, imported from here
from ..manifest import Entry
from .credentials import Credentials
from .plan import DELETE, PENDING, STATE, Change, phase, plan, read_state, state_bytes
from .target import Target

PART_SUFFIX = ".gongkai-part"
NO_JEKYLL = ".nojekyll"  # GitHub Pages: serve _files too
NOT_PUBLISHED = frozenset({STATE, NO_JEKYLL})
"""Files a publisher leaves on the target that the site does not publish."""
FLUSH_EVERY = 2.0
"""Seconds between writes of the listing while sending: bounds the work a rerun repeats."""


def part_name(path: str) -> str:
    """The temporary name a file is uploaded under before it is renamed into place."""
    folder, name = posixpath.split(path)
    return posixpath.join(folder, f".{name}{PART_SUFFIX}")


def ancestors(path: str) -> list[str]:
    """``a/b/c.html`` → ``a/b``, ``a``."""
    found: list[str] = []
    while (path := posixpath.dirname(path)):
        found.append(path)
    return found


def os_error_message(error: OSError, where: str) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where} 磁盘已满（或超出空间配额）：请清理空间或扩容后重新运行，已上传的部分会接着完成"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有权限写入 {where}：请检查目标文件夹的权限"
    if error.errno in (errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT):
        return f"连不上 {where}：请检查地址、端口和网络"
    return f"写入 {where} 出错：{error.strerror or error}"


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    done: list[Change] = field(default_factory=list)
    commit: str = ""  # git: the pages commit made

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def bytes(self) -> int:
        return sum(c.size for c in self.changes)


class Progress(Protocol):
    """What a deploy tells as it goes (the command's bar and lines)."""

    def planned(self, changes: list[Change]) -> None: ...

    def done(self, change: Change) -> None: ...


class Publisher:
    schemes: tuple[str, ...] = ()
    content: Path | None = None  # the content folder, when the deploy knows it (git dates its commit by it)
    parallel = 1
    """How many assets may be sent at once (a thread-safe client, e.g. S3's, can say 8)."""

    def __init__(self, target: Target, credentials: Credentials):
        self.target = target
        self.credentials = credentials

    # -- what each scheme provides ------------------------------------------------------
    def connect(self) -> None:
        pass

    def close(self) -> None:
        pass

    def read(self, path: str) -> bytes | None:
        raise NotImplementedError

    def put(self, local: Path, path: str) -> None:
        """Send ``local`` to ``path``, under a temporary name renamed into place where possible."""
        raise NotImplementedError

    def put_bytes(self, data: bytes, path: str) -> None:
        raise NotImplementedError

    def delete(self, path: str) -> None:
        """Remove ``path``; a file already gone is fine."""
        raise NotImplementedError

    def remove_empty_folders(self, folders: list[str]) -> None:
        pass

    # -- the shared driving -----------------------------------------------------------
    def __enter__(self) -> Self:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def publish(self, output: Path, local: list[Entry], dry_run: bool = False, force: bool = False,
                progress: Progress | None = None) -> Report:
        """Make the target hold exactly ``local``; ``progress.planned(changes)``, ``progress.done(change)``."""
        deployed = read_state(self.read(STATE))
        changes = plan(output, local, deployed, force)
        report = Report(changes, unchanged=len(local) - sum(1 for c in changes if c.action != DELETE))
        if progress:
            progress.planned(changes)
        if dry_run or not changes:
            return report
        sends = [c for c in changes if c.action != DELETE]
        for change in sends:  # "pending" first: a rerun re-sends them, or removes those no longer built
            deployed[change.path] = PENDING
        self.put_bytes(state_bytes(deployed), STATE)
        flushed = time.monotonic()
        for change in self._carry_out(output, changes, deployed):
            report.done.append(change)
            if progress:
                progress.done(change)
            if time.monotonic() - flushed > FLUSH_EVERY:
                self.put_bytes(state_bytes(deployed), STATE)
                flushed = time.monotonic()
        self.put_bytes(state_bytes(deployed), STATE)
        deleted = [c.path for c in changes if c.action == DELETE]
        if deleted:
            folders = {f for p in deleted for f in ancestors(p)}
            self.remove_empty_folders(sorted(folders, key=lambda f: -f.count("/")))
        return report


    def _carry_out(self, output: Path, changes: list[Change], deployed: dict[str, str]) -> Iterator[Change]:
        """Make each change, in order, yielding it once done. Assets, which nothing new links to
        yet, may go ``parallel`` at a time; pages, the home page and deletions go one by one."""
        assets = [c for c in changes if c.action != DELETE and phase(c.path) == 1] if self.parallel > 1 else []
        if assets:
            pool = ThreadPoolExecutor(self.parallel)
            try:
                running = {pool.submit(self.put, output / c.path, c.path): c for c in assets}
                for future in as_completed(running):
                    future.result()  # a DeployError stops the deploy: queued uploads are dropped
                    deployed[running[future].path] = running[future].sha256
                    yield running[future]
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
        sent = set(assets)
        for change in (c for c in changes if c not in sent):
            if change.action == DELETE:
                self.delete(change.path)
                if deployed.get(change.path) == PENDING:
                    self.delete(part_name(change.path))
                del deployed[change.path]
            else:
                self.put(output / change.path, change.path)
                deployed[change.path] = change.sha256
            yield change


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
