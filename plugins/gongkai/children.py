"""Processes a build forks die with it: the one place that makes sure of that.

A writer left running after its build was killed went on writing into the next build
(issue 9): a withdrawn record was published. So:

- ``fork()`` starts a child that the kernel kills when the parent dies, however it dies
  (``prctl(PR_SET_PDEATHSIG)`` on Linux; even SIGKILL), and that exits at once if the
  parent is already gone. The child leaves SIGTERM and SIGINT to their defaults: cleaning
  up is the parent's job.
- The parent remembers its children; ``stopping_on_signals()`` turns SIGTERM and SIGINT
  into: kill every child, reap it, then raise ``Interrupted`` so the build's own clean-up
  (``finally``) runs. ``kill(pids)`` does the same for a build that fails.

A pool of worker processes (issue 11) uses the same two halves: ``become_child(parent)``
as each worker's initializer, ``track``/``forget`` for the workers' pids.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_children: set[int] = set()


class Interrupted(KeyboardInterrupt):
    """The build was asked to stop (SIGTERM or SIGINT); its children are already dead."""


def fork() -> int:
    """``os.fork()``, but the child dies with this process. Returns the child's pid (0 in the child)."""
    parent = os.getpid()
    # Blocked across the fork, a stop signal cannot reach the child before it has reset its handlers.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        pid = os.fork()
        if pid == 0:
            become_child(parent)
        else:
            track(pid)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return pid


def become_child(parent: int) -> None:
    """In a new child of ``parent``: die when it dies, and leave stop signals to their defaults."""
    _children.clear()  # the parent's other children are not this process's to kill
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the parent's handlers still kill it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def track(pid: int) -> None:
    _children.add(pid)


def forget(pid: int) -> None:
    """``pid`` was reaped by its owner."""
    _children.discard(pid)


def kill_all() -> None:
    """Kill every child still running and reap it."""
    kill(sorted(_children))


def kill(pids) -> None:
    """Kill these children and reap them."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        forget(pid)


@contextlib.contextmanager
def stopping_on_signals():
    """While the block runs, SIGTERM and SIGINT kill the children and raise ``Interrupted``.

    A second signal while the build cleans up is ignored, so the clean-up finishes. Only
    the main thread can set handlers: elsewhere (``serve``'s rebuilds, which never fork)
    this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number, _frame):
        for each in STOP_SIGNALS:
            signal.signal(each, signal.SIG_IGN)
        kill_all()
        raise Interrupted(signal.Signals(number).name)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def uninterrupted():
    """Hold SIGTERM and SIGINT back while the block runs (a swap of two renames): they act after it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
