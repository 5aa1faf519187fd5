"""Writers that run beside the others, in a forked process: a build uses a second core.

A writer listed in ``writers.BESIDE`` only writes files from the model (nothing a later
writer reads back from it), so it can run in a child process while the parent goes on
with the rest; the build waits for it before the manifest is made. Each file is written
by exactly one process, so the output is the same bytes as a build run in one process.

Where there is no ``fork`` (Windows), one CPU, or other threads (``publish.py serve``'s
server: forking a threaded process can deadlock the child), the writer simply runs in
place. ``GONGKAI_SERIAL=1`` asks for that too.

The children are forked through ``children.fork``: they die with the build, however it dies.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback

from . import children


def can_fork() -> bool:
    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and not os.environ.get("GONGKAI_SERIAL"))


class Background:
    """Start writers beside the build; ``wait`` for all of them, raising if any failed."""

    def __init__(self) -> None:
        self._children: list[tuple[int, int, str]] = []  # pid, read end of its pipe, name

    def start(self, name: str, function, *args) -> None:
        if not can_fork():
            function(*args)
            return
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = children.fork()
        if pid == 0:  # the child: run, report a failure through the pipe, never return
            os.close(read)
            status = 0
            try:
                function(*args)
            except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
                status = 1
                if os.environ.get("GONGKAI_DEBUG"):
                    traceback.print_exc()
                os.write(write, f"{type(error).__name__}: {error}".encode("utf-8", "replace")[:4000])
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self._children.append((pid, read, name))

    def stop(self) -> None:
        """The build failed or was interrupted: kill the writers, whatever they were doing."""
        children.kill([pid for pid, _read, _name in self._children])
        for _pid, read, _name in self._children:
            os.close(read)
        self._children = []

    def wait(self) -> None:
        failures = []
        for pid, read, name in self._children:
            with os.fdopen(read, "rb") as pipe:
                message = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(pid, 0)
            children.forget(pid)
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                failures.append(f"{name}: {message or f'exit status {code}'}")
        self._children = []
        if failures:
            raise RuntimeError("; ".join(failures))
