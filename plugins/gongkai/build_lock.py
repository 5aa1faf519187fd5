"""One build of an output at a time: an OS lock, which the kernel drops when the build dies.

``flock`` on ``.<output>.lock`` beside the output. The file itself blocks nothing and is
left in place (removing it would let two builds lock two different files); only a live
build holds the lock. Forked writers inherit it, so while any process of a build is
alive — even one that outlived a killed parent — no other build of that output starts.
Without ``fcntl`` (Windows) builds are not locked.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import ProjectError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


@contextlib.contextmanager
def holding(output: Path):
    """Hold the lock of ``output`` for the ``with`` block; ProjectError when another build has it."""
    if fcntl is None:
        yield
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(output), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 20, 0).decode("ascii", "replace").strip() or "?"
            raise ProjectError(f"另一个 publish.py（进程号 {holder}）正在生成 {output}：请等它结束后再运行") from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)
