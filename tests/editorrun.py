"""Run ``publish.py edit`` for real, as a clerk does: a subprocess on a free loopback port.

The editor is started with ``--port 0``: it binds a free port itself and prints its address,
so there is no window in which another test could take the port. Its stderr is drained in a
thread (kept for the failure message) so the server never blocks on a full pipe.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from conftest import DEMO_CONTENT, PUBLISH, ROOT

ADDRESS = re.compile(r"编辑器地址：(http://[0-9.]+:\d+)")


@dataclass
class Running:
    address: str
    process: subprocess.Popen
    log: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.address + path


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def make_repository(folder: Path) -> None:
    """The content folder as a county keeps it: a git repository with everything committed."""
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "县信息中心")
    git(folder, "config", "user.email", "it@county.example")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "初始内容")


def demo_county(parent: Path, repository: bool = True) -> Path:
    """A private copy of the demo county (committed in git, as counties keep it) that tests may change."""
    import shutil

    folder = parent / "content"
    shutil.copytree(DEMO_CONTENT, folder)
    if repository:
        make_repository(folder)
    return folder


@contextmanager
def running_editor(content: Path, *options: str, timeout: float = 120):
    command = [sys.executable, str(PUBLISH), "edit", "--content", str(content), "--port", "0", *options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    found = threading.Event()

    def drain():
        for line in process.stderr:
            log.append(line)
            if ADDRESS.search(line):
                found.set()
        found.set()

    threading.Thread(target=drain, daemon=True).start()
    started = time.monotonic()
    while not found.wait(0.1):
        if time.monotonic() - started > timeout:
            break
    match = next((ADDRESS.search(line) for line in log if ADDRESS.search(line)), None)
    if match is None:
        process.kill()
        raise AssertionError("the editor did not start:\n" + "".join(log))
    running = Running(match.group(1), process, log)
    try:
        yield running
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
