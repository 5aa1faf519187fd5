"""Where a build writes before it is swapped in: a folder of its own, beside the output.

Each build renders into ``.<output>.building-<pid>-<random>`` (its search index goes
beside it, under the same name plus ``.search-index``). No later build reuses the name,
so a process of a killed build, were it still running, could only write into its own
dead folder — never into the site of the build after it. The build holding the output's
lock (build_lock.py) knows no other build of that output is alive, so it removes what
dead builds left (``remove_stale``) before it starts.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
from pathlib import Path

INFIX = ".building-"


def new_staging(output: Path) -> Path:
    """A fresh, empty folder beside ``output`` that no other build has used or will use."""
    output.parent.mkdir(parents=True, exist_ok=True)
    while True:
        staging = output.with_name(f".{output.name}{INFIX}{os.getpid()}-{secrets.token_hex(4)}")
        try:
            staging.mkdir()  # not mkdtemp: the site keeps the umask's permissions (a web server reads it)
            return staging
        except FileExistsError:
            continue


def is_staging(folder: Path) -> bool:
    return folder.name.startswith(".") and INFIX in folder.name


def previous_path(output: Path) -> Path:
    """Where the old output waits, between the two renames of ``swap_in``."""
    return output.with_name(f".{output.name}.previous")


def remove_stale(output: Path) -> None:
    """Remove what killed builds of ``output`` left beside it. Call only holding its lock.

    A build killed between the two renames of ``swap_in`` left no output and the old one
    under ``previous_path``: that one is put back, so the site is never lost."""
    previous = previous_path(output)
    if previous.is_dir() and not output.exists():
        previous.rename(output)
    stale = glob.glob(glob.escape(str(output.with_name(f".{output.name}{INFIX}"))) + "*")
    legacy = [output.with_name(f".{output.name}.building"), output.with_name(f".{output.name}.search-index.new")]
    for path in [*map(Path, stale), *legacy, previous]:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(new: Path, output: Path) -> None:
    """Replace ``output`` with ``new`` by two renames: never a half-written output folder."""
    old = previous_path(output)
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)
